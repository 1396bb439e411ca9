-- The public SQL interface (docs/sql.md). Re-created on every open by a writer; names are stable.

-- The manifest in force for an environment: the one with the latest generated_at.
CREATE OR REPLACE VIEW store.latest_manifest AS
SELECT environment, invocation_id, snapshot_id, generated_at FROM store.current_manifest;

CREATE OR REPLACE VIEW environments AS
SELECT a.environment,
       count(DISTINCT a.invocation_id) AS invocations,
       min(a.generated_at) AS first_generated_at,
       max(a.generated_at) AS last_generated_at,
       max(a.ingested_at) AS last_ingested_at,
       any_value(e.environment_id) AS environment_id
FROM store.artifact a
LEFT JOIN (SELECT environment, environment_id FROM store.environment_ids) e USING (environment)
GROUP BY a.environment;

CREATE OR REPLACE VIEW invocations AS
SELECT environment,
       invocation_id,
       coalesce(max(command) FILTER (WHERE kind = 'run_results'),
                max(command) FILTER (WHERE kind = 'sources'),
                max(command)) AS command,
       coalesce(max(job), max(command) FILTER (WHERE kind = 'run_results'), max(command)) AS job,
       max(dbt_version) AS dbt_version,
       max(generated_at) AS generated_at,
       min(invocation_started_at) AS invocation_started_at,
       max(elapsed_time) AS elapsed_time,
       max(project_name) AS project_name,
       max(adapter_type) AS adapter_type,
       bool_or(kind = 'manifest') AS has_manifest,
       bool_or(kind = 'run_results') AS has_run_results,
       bool_or(kind = 'sources') AS has_sources,
       bool_or(kind = 'catalog') AS has_catalog,
       bool_or(kind = 'semantic_manifest') AS has_semantic_manifest,
       list(kind ORDER BY kind) AS artifacts,
       list(schema_version ORDER BY kind) AS schema_versions,
       max(ingested_at) AS ingested_at,
       any_value(e.environment_id) AS environment_id,
       any_value(r.job_id) AS job_id,
       any_value(r.run_id) AS run_id
FROM store.artifact
LEFT JOIN (SELECT environment, environment_id FROM store.environment_ids) e USING (environment)
LEFT JOIN (SELECT environment, invocation_id, job_id, run_id FROM store.run_ids) r
  USING (environment, invocation_id)
GROUP BY environment, invocation_id;

CREATE OR REPLACE VIEW artifacts AS
SELECT environment, invocation_id, kind, schema_version, dbt_version, generated_at, row_count,
       file_path, file_size, file_sha256, ingested_at
FROM store.artifact;

CREATE OR REPLACE VIEW nodes AS
SELECT cn.environment,
       d.unique_id, d.resource_type, d.name, d.package_name, d.database, d.schema,
       d.alias, d.relation_name, d.materialized, d.tags, d.meta, d.description,
       d.original_file_path, d.path, d.patch_path, d.owner, d.access, d.group_name AS "group",
       d.version, d.latest_version, d.language, d.checksum, d.raw_code,
       c.compiled_code, d.config, d.fqn, d.depends_on_nodes, d.depends_on_macros,
       d.source_name, d.loaded_at_field, d.freshness, d.test_metadata, d.column_name,
       d.attached_node, d.contract_enforced, d.constraints, d.raw_json,
       d.def_hash, cm.invocation_id AS manifest_invocation_id, cm.generated_at AS manifest_generated_at
FROM store.current_node cn
JOIN store.current_manifest cm ON cm.environment = cn.environment
JOIN store.node_def d ON d.def_hash = cn.def_hash
LEFT JOIN store.compiled c ON c.compiled_hash = cn.compiled_hash
WHERE d.resource_type <> 'macro';

CREATE OR REPLACE VIEW macros AS
SELECT cn.environment, d.unique_id, d.name, d.package_name, d.original_file_path, d.path,
       d.description, d.meta, d.raw_code AS macro_sql, d.depends_on_macros, d.raw_json, d.def_hash
FROM store.current_node cn
JOIN store.node_def d ON d.def_hash = cn.def_hash
WHERE d.resource_type = 'macro';

CREATE OR REPLACE VIEW edges AS
SELECT lm.environment, e.parent_id, e.child_id
FROM store.latest_manifest lm
JOIN store.snapshot_edge e ON e.snapshot_id = lm.snapshot_id;

-- Every node of every manifest ever ingested (not only the latest): compare two manifests by def_hash.
CREATE OR REPLACE VIEW manifest_nodes AS
SELECT a.environment, a.invocation_id AS manifest_invocation_id, a.generated_at AS manifest_generated_at,
       m.unique_id, d.resource_type, m.def_hash
FROM store.artifact a
JOIN store.snapshot_member m ON m.snapshot_id = a.snapshot_id
JOIN store.node_def d ON d.def_hash = m.def_hash
WHERE a.kind = 'manifest' AND d.resource_type <> 'macro';

CREATE OR REPLACE VIEW columns AS
SELECT n.environment, n.unique_id, c.column_name, c.column_index, c.data_type, c.description,
       c.meta, c.tags, c.constraints
FROM nodes n
JOIN store.def_column c ON c.def_hash = n.def_hash;

CREATE OR REPLACE VIEW catalog AS
SELECT lc.environment, lc.unique_id, e.entry_kind, e.database, e.schema, e.name, e.table_type,
       e.comment, e.owner, e.row_count, e.bytes, e.stats, lc.catalog_generated_at
FROM store.current_catalog lc
JOIN store.catalog_entry e ON e.entry_hash = lc.entry_hash;

CREATE OR REPLACE VIEW catalog_columns AS
SELECT lc.environment, lc.unique_id, c.column_name, c.column_index, c.data_type, c.comment
FROM store.current_catalog lc
JOIN store.catalog_column c ON c.entry_hash = lc.entry_hash;

-- Each run result, linked to the manifest in force at its time: the same invocation's manifest if
-- there is one, else the latest manifest of the environment generated at or before the run_results
-- file, else the earliest one. command is the dbt command of the run (compile and docs generate
-- write run_results too: filter on it to keep builds only).
CREATE OR REPLACE VIEW run_results AS
-- The manifest link and command are worked out once per run_results file (a few rows of
-- store.artifact; a file's results share its generated_at), then joined to the results: a filter on
-- environment or unique_id reaches the scan of store.run_result instead of running after the joins.
WITH run_file AS (
  SELECT rf.environment, rf.invocation_id, rf.generated_at,
         coalesce(s.invocation_id, a.invocation_id, f.invocation_id) AS manifest_invocation_id,
         c.command
  FROM (SELECT DISTINCT environment, invocation_id, generated_at FROM store.artifact
        WHERE kind = 'run_results') rf
  LEFT JOIN (SELECT environment, invocation_id, any_value(command) AS command FROM store.artifact
             WHERE kind = 'run_results' GROUP BY ALL) c
         ON c.environment = rf.environment AND c.invocation_id = rf.invocation_id
  LEFT JOIN (SELECT DISTINCT environment, invocation_id FROM store.artifact WHERE kind = 'manifest') s
         ON s.environment = rf.environment AND s.invocation_id = rf.invocation_id
  ASOF LEFT JOIN (SELECT environment, invocation_id, generated_at FROM store.artifact WHERE kind = 'manifest') a
         ON a.environment = rf.environment AND rf.generated_at >= a.generated_at
  LEFT JOIN (SELECT environment, arg_min(invocation_id, generated_at) AS invocation_id
             FROM store.artifact WHERE kind = 'manifest' GROUP BY environment) f
         ON f.environment = rf.environment)
SELECT r.environment, r.invocation_id, r.unique_id,
       split_part(r.unique_id, '.', 1) AS resource_type,
       r.status, r.status_raw, r.execution_time, r.thread_id,
       r.compile_started_at, r.compile_completed_at, r.execute_started_at, r.execute_completed_at,
       r.rows_affected, r.failures, r.message, r.adapter_response, r.batch_results,
       r.relation_name, r.generated_at, r.result_index,
       rf.manifest_invocation_id, rf.command
FROM store.run_result r
LEFT JOIN run_file rf ON rf.environment = r.environment AND rf.invocation_id = r.invocation_id
                     AND rf.generated_at IS NOT DISTINCT FROM r.generated_at;

CREATE OR REPLACE VIEW source_freshness AS
SELECT environment, invocation_id, unique_id, status, status_raw, max_loaded_at, snapshotted_at,
       max_loaded_at_time_ago_in_s, warn_after_count, warn_after_period, error_after_count,
       error_after_period, filter, error, execution_time, thread_id, adapter_response, generated_at,
       result_index
FROM store.freshness_result;

CREATE OR REPLACE VIEW semantic_manifest_entities AS
SELECT environment, invocation_id, entity_type, name, raw_json FROM store.semantic_entity;

CREATE OR REPLACE VIEW dbtlens_info AS
SELECT key, value FROM store.meta;

-- Lineage for notebooks: upstream('model.shop.orders') and downstream(...), optionally with a
-- depth in generations: every ancestor (descendant) of the node in the latest manifest of each
-- environment, without the node itself. Filter by environment when there are several.
CREATE OR REPLACE MACRO upstream(uid) AS TABLE (
  WITH RECURSIVE e AS MATERIALIZED (SELECT environment, parent_id, child_id FROM edges),
  walk(environment, unique_id) AS (
    SELECT environment, parent_id FROM e WHERE child_id = uid
    UNION
    SELECT e.environment, e.parent_id FROM walk JOIN e ON e.environment = walk.environment AND e.child_id = walk.unique_id)
  SELECT environment, unique_id FROM walk
), (uid, depth) AS TABLE (
  WITH RECURSIVE e AS MATERIALIZED (SELECT environment, parent_id, child_id FROM edges),
  walk(environment, unique_id, generation) AS (
    SELECT environment, parent_id, 1 FROM e WHERE child_id = uid AND depth >= 1
    UNION
    SELECT e.environment, e.parent_id, walk.generation + 1 FROM walk
    JOIN e ON e.environment = walk.environment AND e.child_id = walk.unique_id
    WHERE walk.generation < depth)
  SELECT DISTINCT environment, unique_id FROM walk
);

CREATE OR REPLACE MACRO downstream(uid) AS TABLE (
  WITH RECURSIVE e AS MATERIALIZED (SELECT environment, parent_id, child_id FROM edges),
  walk(environment, unique_id) AS (
    SELECT environment, child_id FROM e WHERE parent_id = uid
    UNION
    SELECT e.environment, e.child_id FROM walk JOIN e ON e.environment = walk.environment AND e.parent_id = walk.unique_id)
  SELECT environment, unique_id FROM walk
), (uid, depth) AS TABLE (
  WITH RECURSIVE e AS MATERIALIZED (SELECT environment, parent_id, child_id FROM edges),
  walk(environment, unique_id, generation) AS (
    SELECT environment, child_id, 1 FROM e WHERE parent_id = uid AND depth >= 1
    UNION
    SELECT e.environment, e.child_id, walk.generation + 1 FROM walk
    JOIN e ON e.environment = walk.environment AND e.parent_id = walk.unique_id
    WHERE walk.generation < depth)
  SELECT DISTINCT environment, unique_id FROM walk
);
