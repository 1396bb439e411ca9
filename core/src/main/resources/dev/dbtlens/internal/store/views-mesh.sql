-- dbt Mesh across the projects of one database (docs/mesh.md). A project is a dbt project name;
-- each environment belongs to the project of its latest manifest.

-- Each environment with a manifest: its dbt project (the manifest's metadata.project_name, else the
-- package with most models), the project's id (the smallest environment id among its environments)
-- and whether it is the project's default environment (the one whose id is the project id).
CREATE OR REPLACE VIEW mesh_environments AS
WITH named AS (
  SELECT cm.environment, max(a.project_name) AS project_name
  FROM store.current_manifest cm
  LEFT JOIN store.artifact a ON a.environment = cm.environment AND a.invocation_id = cm.invocation_id
                            AND a.kind = 'manifest'
  GROUP BY cm.environment),
counted AS (
  SELECT environment, package_name, count(*) AS models
  FROM nodes WHERE resource_type = 'model' AND package_name IS NOT NULL GROUP BY ALL),
root AS (
  SELECT environment, package_name FROM (
    SELECT environment, package_name,
           row_number() OVER (PARTITION BY environment ORDER BY models DESC, package_name) AS rn
    FROM counted) WHERE rn = 1),
project AS (
  SELECT n.environment, ids.environment_id, coalesce(n.project_name, r.package_name) AS dbt_project
  FROM named n
  LEFT JOIN root r USING (environment)
  LEFT JOIN store.environment_ids ids USING (environment))
SELECT environment, environment_id, dbt_project,
       min(environment_id) OVER (PARTITION BY dbt_project) AS project_id,
       environment_id = min(environment_id) OVER (PARTITION BY dbt_project) AS is_default_environment
FROM project
WHERE dbt_project IS NOT NULL;

-- Every cross-project ref: a node of an environment's own project that depends on a model of
-- another project of the database (through the manifest's edges, or depends_on.public_nodes of
-- dbt 1.6 manifests). Packages installed with dbt deps are not projects of the database, so their
-- models never count.
CREATE OR REPLACE VIEW cross_project_refs AS
WITH deps AS (
  SELECT environment, parent_id, child_id FROM edges
  UNION
  SELECT environment, unnest(CAST(json_extract(raw_json, '$.depends_on.public_nodes') AS VARCHAR[])) AS parent_id,
         unique_id AS child_id
  FROM nodes WHERE json_extract(raw_json, '$.depends_on.public_nodes') IS NOT NULL)
SELECT d.environment, me.environment_id, me.dbt_project AS consumer_project,
       me.project_id AS consumer_project_id, d.child_id, d.parent_id,
       p.dbt_project AS producer_project, p.project_id AS producer_project_id
FROM deps d
JOIN mesh_environments me ON me.environment = d.environment
JOIN nodes c ON c.environment = d.environment AND c.unique_id = d.child_id
JOIN (SELECT DISTINCT dbt_project, project_id FROM mesh_environments) p
  ON p.dbt_project = split_part(d.parent_id, '.', 2)
WHERE d.parent_id LIKE 'model.%'
  AND c.package_name = me.dbt_project
  AND p.dbt_project <> me.dbt_project;

-- Which project uses which: one row per consumer and producer project, over all their environments.
CREATE OR REPLACE VIEW project_dependencies AS
SELECT consumer_project, consumer_project_id, producer_project, producer_project_id,
       count(DISTINCT child_id) AS consumer_nodes,
       list(DISTINCT parent_id ORDER BY parent_id) AS producer_models
FROM cross_project_refs
GROUP BY ALL;

-- The projects: default environment, role in the mesh, and what their default environment's latest
-- manifest defines in the project's own package.
CREATE OR REPLACE VIEW mesh_projects AS
WITH envs AS (
  SELECT dbt_project, project_id,
         list(environment ORDER BY environment_id) AS environments,
         max(environment) FILTER (WHERE is_default_environment) AS default_environment
  FROM mesh_environments GROUP BY ALL),
own AS (
  SELECT e.dbt_project, n.resource_type, n.access
  FROM envs e JOIN nodes n ON n.environment = e.default_environment AND n.package_name = e.dbt_project),
counts AS (
  SELECT dbt_project,
         count(*) AS total_nodes,
         count(*) FILTER (WHERE resource_type = 'model') AS total_models,
         count(*) FILTER (WHERE resource_type = 'model' AND access = 'public') AS public_models,
         count(*) FILTER (WHERE resource_type = 'source') AS sources,
         count(*) FILTER (WHERE resource_type = 'metric') AS metrics,
         count(*) FILTER (WHERE resource_type = 'semantic_model') AS semantic_models,
         count(*) FILTER (WHERE resource_type IN ('test', 'unit_test')) AS tests,
         count(*) FILTER (WHERE resource_type = 'snapshot') AS snapshots,
         count(*) FILTER (WHERE resource_type = 'exposure') AS exposures,
         count(*) FILTER (WHERE resource_type = 'seed') AS seeds
  FROM own GROUP BY ALL),
macros AS (
  SELECT e.dbt_project, count(*) AS macros
  FROM envs e JOIN macros m ON m.environment = e.default_environment AND m.package_name = e.dbt_project
  GROUP BY ALL)
SELECT e.dbt_project, e.project_id, e.default_environment, e.project_id AS default_environment_id,
       e.environments,
       EXISTS (SELECT 1 FROM project_dependencies d WHERE d.producer_project = e.dbt_project) AS is_producer,
       EXISTS (SELECT 1 FROM project_dependencies d WHERE d.consumer_project = e.dbt_project) AS is_consumer,
       coalesce(c.total_nodes, 0) + coalesce(m.macros, 0) AS total_nodes,
       coalesce(c.total_models, 0) AS total_models, coalesce(c.public_models, 0) AS public_models,
       coalesce(c.sources, 0) AS sources, coalesce(c.metrics, 0) AS metrics,
       coalesce(c.semantic_models, 0) AS semantic_models, coalesce(c.tests, 0) AS tests,
       coalesce(c.snapshots, 0) AS snapshots, coalesce(c.exposures, 0) AS exposures,
       coalesce(m.macros, 0) AS macros, coalesce(c.seeds, 0) AS seeds
FROM envs e
LEFT JOIN counts c USING (dbt_project)
LEFT JOIN macros m USING (dbt_project);

-- Public models: one row per environment and model of the environment's own project with
-- access: public, with its latest build and the projects that refer to it.
CREATE OR REPLACE VIEW public_models AS
WITH last_build AS (
  SELECT environment, unique_id, arg_max(status, generated_at) AS last_run_status,
         max(generated_at) AS last_run_generated_at
  FROM run_results
  WHERE resource_type = 'model' AND coalesce(command, '') NOT IN ('compile', 'docs generate', 'show')
  GROUP BY ALL),
consumers AS (
  SELECT producer_project, parent_id, list(DISTINCT consumer_project ORDER BY consumer_project) AS consumer_projects
  FROM cross_project_refs GROUP BY ALL)
SELECT me.environment, me.environment_id, me.dbt_project, me.project_id, me.is_default_environment,
       n.unique_id, n.name, n.package_name, n.fqn, n."group", n.database, n.schema,
       n.alias AS identifier, n.relation_name,
       (SELECT count(*) FROM store.def_column dc WHERE dc.def_hash = n.def_hash) AS column_count,
       n.materialized, n.version, n.latest_version,
       TRY_CAST(json_extract_string(n.raw_json, '$.deprecation_date') AS TIMESTAMP) AS deprecation_date,
       n.description, coalesce(n.contract_enforced, false) AS contract_enforced,
       b.last_run_status, b.last_run_generated_at,
       coalesce(c.consumer_projects, []) AS consumer_projects
FROM mesh_environments me
JOIN nodes n ON n.environment = me.environment AND n.package_name = me.dbt_project
LEFT JOIN last_build b ON b.environment = n.environment AND b.unique_id = n.unique_id
LEFT JOIN consumers c ON c.producer_project = me.dbt_project AND c.parent_id = n.unique_id
WHERE n.resource_type = 'model' AND n.access = 'public';
