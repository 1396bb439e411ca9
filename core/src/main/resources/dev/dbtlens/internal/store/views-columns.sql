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

-- Primary key columns of each environment's current manifest (docs/column-lineage.md: the rule
-- behind ColumnLineageNode.isPrimaryKey, which reads this view). One row per (node, column, reason).
CREATE OR REPLACE VIEW column_primary_keys AS
WITH cur AS (
  SELECT cn.environment, d.unique_id, d.resource_type, d.test_metadata, d.column_name, d.attached_node,
         d.depends_on_nodes, d.constraints, d.config, d.def_hash
  FROM store.current_node cn JOIN store.node_def d ON d.def_hash = cn.def_hash),
tests AS (
  SELECT environment,
         coalesce(attached_node, CASE WHEN len(depends_on_nodes) = 1 THEN depends_on_nodes[1] END) AS unique_id,
         json_extract_string(test_metadata, '$.name') AS test, json_extract_string(test_metadata, '$.namespace') AS namespace,
         coalesce(column_name, json_extract_string(test_metadata, '$.kwargs.column_name')) AS column_name,
         json_extract(test_metadata, '$.kwargs.column_names') AS column_names
  FROM cur
  WHERE resource_type = 'test' AND json_extract_string(test_metadata, '$.name') IN ('unique', 'not_null', 'primary_key')),
model_constraints AS (
  SELECT environment, unique_id, unnest(from_json(constraints, '["json"]')) AS k
  FROM cur WHERE constraints IS NOT NULL AND json_type(constraints) = 'ARRAY'),
column_constraints AS (
  SELECT cur.environment, cur.unique_id, c.column_name, unnest(from_json(c.constraints, '["json"]')) AS k
  FROM cur JOIN store.def_column c ON c.def_hash = cur.def_hash
  WHERE c.constraints IS NOT NULL AND json_type(c.constraints) = 'ARRAY'),
config_keys AS (
  SELECT environment, unique_id, 'unique_key config' AS reason, json_extract(config, '$.unique_key') AS v
  FROM cur WHERE resource_type = 'model' AND json_extract(config, '$.unique_key') IS NOT NULL
  UNION ALL
  SELECT environment, unique_id, 'primary_key config', json_extract(config, '$.primary_key')
  FROM cur WHERE resource_type IN ('model', 'seed', 'snapshot', 'source') AND json_extract(config, '$.primary_key') IS NOT NULL),
named AS (
  SELECT environment, unique_id, column_name, 'unique + not_null tests' AS reason FROM tests
  WHERE test IN ('unique', 'not_null') AND (namespace IS NULL OR namespace = 'dbt')
    AND unique_id IS NOT NULL AND column_name IS NOT NULL
  GROUP BY environment, unique_id, column_name HAVING count(DISTINCT test) = 2
  UNION ALL
  SELECT environment, unique_id, column_name, 'primary_key test' FROM tests
  WHERE test = 'primary_key' AND column_name IS NOT NULL
  UNION ALL
  SELECT environment, unique_id, unnest(from_json(column_names, '["varchar"]')), 'primary_key test' FROM tests
  WHERE test = 'primary_key' AND json_type(column_names) = 'ARRAY'
  UNION ALL
  SELECT environment, unique_id, unnest(from_json(json_extract(k, '$.columns'), '["varchar"]')), 'primary_key constraint'
  FROM model_constraints WHERE json_extract_string(k, '$.type') = 'primary_key' AND json_type(json_extract(k, '$.columns')) = 'ARRAY'
  UNION ALL
  SELECT environment, unique_id, column_name, 'primary_key constraint'
  FROM column_constraints WHERE json_extract_string(k, '$.type') = 'primary_key'
  UNION ALL
  SELECT environment, unique_id, json_extract_string(v, '$'), reason FROM config_keys WHERE json_type(v) = 'VARCHAR'
  UNION ALL
  SELECT environment, unique_id, unnest(from_json(v, '["varchar"]')), reason FROM config_keys
  WHERE json_type(v) = 'ARRAY'),
unquoted AS (
  SELECT environment, unique_id,
         regexp_replace(trim(column_name), '^(["`\[])(.*)(["`\]])$', '\2') AS column_name, reason
  FROM named WHERE unique_id IS NOT NULL AND column_name IS NOT NULL)
SELECT DISTINCT environment, unique_id, lower(column_name) AS column_name, reason
FROM unquoted
WHERE regexp_full_match(column_name, '[A-Za-z_][A-Za-z0-9_$]*');
