-- Column-level lineage (docs/column-lineage.md, docs/sql.md "Column lineage").
CREATE OR REPLACE VIEW column_edges AS
SELECT cc.environment, cc.unique_id, e.column_name, e.column_index, e.transformation_type, e.expression,
       e.parent_id AS parent_unique_id, e.parent_column,
       coalesce(m.error_category, e.error_category) IS NOT NULL AS is_error,
       coalesce(m.error, e.error) AS error, coalesce(m.error_category, e.error_category) AS error_category
FROM store.column_current cc
JOIN store.column_model m ON m.lineage_key = cc.lineage_key
JOIN store.column_edge e ON e.lineage_key = cc.lineage_key;

CREATE OR REPLACE VIEW column_filters AS
SELECT cc.environment, cc.unique_id, f.parent_id AS parent_unique_id, f.parent_column, f.kind
FROM store.column_current cc
JOIN store.column_filter f ON f.lineage_key = cc.lineage_key;

CREATE OR REPLACE VIEW column_lineage_status AS
SELECT cc.environment, cc.unique_id, m.column_count, m.columns_complete,
       m.error_category IS NOT NULL AS is_error, m.error, m.error_category
FROM store.column_current cc
JOIN store.column_model m ON m.lineage_key = cc.lineage_key;

-- Every column downstream of one column (recursive), with its depth.
CREATE OR REPLACE MACRO column_downstream(env, uid, col) AS TABLE (
  WITH RECURSIVE walk(unique_id, column_name, depth) AS (
    SELECT uid, lower(col), 0
    UNION
    SELECT e.unique_id, e.column_name, w.depth + 1
    FROM walk w JOIN column_edges e
      ON e.environment = env AND e.parent_unique_id = w.unique_id AND e.parent_column = w.column_name
    WHERE w.depth < 1000
  )
  SELECT unique_id, column_name, min(depth) AS depth FROM walk GROUP BY ALL ORDER BY depth, unique_id, column_name
);

-- Every column upstream of one column (recursive), with its depth.
CREATE OR REPLACE MACRO column_upstream(env, uid, col) AS TABLE (
  WITH RECURSIVE walk(unique_id, column_name, depth) AS (
    SELECT uid, lower(col), 0
    UNION
    SELECT e.parent_unique_id, e.parent_column, w.depth + 1
    FROM walk w JOIN column_edges e
      ON e.environment = env AND e.unique_id = w.unique_id AND e.column_name = w.column_name
    WHERE e.parent_unique_id IS NOT NULL AND w.depth < 1000
  )
  SELECT unique_id, column_name, min(depth) AS depth FROM walk GROUP BY ALL ORDER BY depth, unique_id, column_name
);
