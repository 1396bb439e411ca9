-- Performance views (docs/sql.md#performance, docs/performance.md). Builds only: the run_results of
-- compile, docs generate and show (RunResult.NON_BUILD_COMMANDS) are left out, as in runHistory.
-- A run's day is the UTC date it started on (invocation_started_at, else generated_at - elapsed_time).

-- One row per build run (an invocation with a run_results file of a build command).
CREATE OR REPLACE VIEW build_runs AS
WITH inv AS (
  SELECT environment, invocation_id,
         max(command) FILTER (WHERE kind = 'run_results') AS command,
         coalesce(max(job), max(command) FILTER (WHERE kind = 'run_results'), max(command)) AS job,
         max(generated_at) FILTER (WHERE kind = 'run_results') AS generated_at,
         min(invocation_started_at) AS invocation_started_at,
         max(elapsed_time) FILTER (WHERE kind = 'run_results') AS elapsed_time,
         bool_or(kind = 'run_results' AND (args->>'$.full_refresh') = 'true') AS is_full_refresh,
         max(adapter_type) AS adapter_type,
         max(dbt_version) AS dbt_version
  FROM store.artifact
  GROUP BY environment, invocation_id
  HAVING bool_or(kind = 'run_results'))
SELECT i.environment, e.environment_id, i.invocation_id, r.run_id, r.job_id, i.job, i.command,
       coalesce(i.invocation_started_at,
                i.generated_at - to_microseconds(CAST(coalesce(i.elapsed_time, 0) * 1000000 AS BIGINT)))
         AS run_started_at,
       CAST(coalesce(i.invocation_started_at,
                i.generated_at - to_microseconds(CAST(coalesce(i.elapsed_time, 0) * 1000000 AS BIGINT))) AS DATE)
         AS run_date,
       i.generated_at, i.elapsed_time, i.is_full_refresh, i.adapter_type, i.dbt_version
FROM inv i
LEFT JOIN store.environment_ids e ON e.environment = i.environment
LEFT JOIN store.run_ids r ON r.environment = i.environment AND r.invocation_id = i.invocation_id
WHERE i.command IS NULL OR i.command NOT IN ('compile', 'docs generate', 'show');

-- One row per result of a build run, with the run's ids, job, day and flags. executed is false for
-- nodes that did not run (skipped, no-op); their execution_time says nothing about the node.
CREATE OR REPLACE VIEW build_executions AS
SELECT b.environment, b.environment_id, b.invocation_id, b.run_id, b.job_id, b.job,
       b.run_started_at, b.run_date, r.unique_id, split_part(r.unique_id, '.', 1) AS resource_type,
       r.status, r.status NOT IN ('skipped', 'no-op') AS executed, r.execution_time,
       r.execute_started_at, r.execute_completed_at, r.thread_id, r.failures, r.message,
       b.is_full_refresh, b.adapter_type, r.adapter_response->>'$.query_id' AS query_id, r.result_index
FROM store.run_result r
JOIN build_runs b ON b.environment = r.environment AND b.invocation_id = r.invocation_id;

-- Per environment, day and model: what dbt Explorer's model performance charts show.
CREATE OR REPLACE VIEW model_daily_performance AS
SELECT environment, run_date, unique_id,
       count(*) AS executions,
       count(*) FILTER (WHERE status IN ('error', 'runtime error')) AS failed_executions,
       avg(execution_time) AS mean_execution_time,
       max(execution_time) AS max_execution_time,
       sum(execution_time) AS total_execution_time
FROM build_executions
WHERE executed AND resource_type = 'model'
GROUP BY environment, run_date, unique_id;

-- Per environment and day: the project as a whole.
CREATE OR REPLACE VIEW daily_build_totals AS
WITH runs AS (
  SELECT environment, run_date, count(*) AS runs, sum(elapsed_time) AS build_seconds
  FROM build_runs GROUP BY environment, run_date),
nodes AS (
  SELECT environment, run_date,
         count(*) FILTER (WHERE executed) AS nodes_executed,
         count(*) FILTER (WHERE executed AND resource_type = 'model') AS models_executed,
         count(*) FILTER (WHERE status IN ('error', 'runtime error')) AS errors,
         count(*) FILTER (WHERE status = 'fail') AS test_failures,
         count(*) FILTER (WHERE status = 'warn') AS warnings,
         count(*) FILTER (WHERE status = 'skipped') AS skipped,
         sum(execution_time) FILTER (WHERE executed) AS node_seconds
  FROM build_executions GROUP BY environment, run_date)
SELECT r.environment, r.run_date, r.runs, r.build_seconds,
       coalesce(n.nodes_executed, 0) AS nodes_executed, coalesce(n.models_executed, 0) AS models_executed,
       coalesce(n.errors, 0) AS errors, coalesce(n.test_failures, 0) AS test_failures,
       coalesce(n.warnings, 0) AS warnings, coalesce(n.skipped, 0) AS skipped,
       coalesce(n.node_seconds, 0) AS node_seconds
FROM runs r LEFT JOIN nodes n ON n.environment = r.environment AND n.run_date = r.run_date;

-- Per environment, job and day.
CREATE OR REPLACE VIEW job_daily_build_totals AS
WITH runs AS (
  SELECT environment, job_id, run_date, any_value(job) AS job, count(*) AS runs,
         sum(elapsed_time) AS build_seconds
  FROM build_runs GROUP BY environment, job_id, run_date),
nodes AS (
  SELECT environment, job_id, run_date,
         count(*) FILTER (WHERE executed) AS nodes_executed,
         count(*) FILTER (WHERE status IN ('error', 'runtime error')) AS errors,
         count(*) FILTER (WHERE status = 'fail') AS test_failures
  FROM build_executions GROUP BY environment, job_id, run_date)
SELECT r.environment, r.job_id, r.job, r.run_date, r.runs, r.build_seconds,
       coalesce(n.nodes_executed, 0) AS nodes_executed, coalesce(n.errors, 0) AS errors,
       coalesce(n.test_failures, 0) AS test_failures
FROM runs r
LEFT JOIN nodes n ON n.environment = r.environment AND n.job_id IS NOT DISTINCT FROM r.job_id
                 AND n.run_date = r.run_date;
