-- Live runs from dbt's structured logs (docs/live.md, docs/sql.md "Live runs").

-- Columns v3-live.sql gained after schema version 3's first development builds: a database written
-- by one of those gets them on its next writable open (a no-op on the others).
ALTER TABLE store.live_node ADD COLUMN IF NOT EXISTS compile_started_at TIMESTAMP;
ALTER TABLE store.live_node ADD COLUMN IF NOT EXISTS compile_completed_at TIMESTAMP;
ALTER TABLE store.live_node ADD COLUMN IF NOT EXISTS execute_started_at TIMESTAMP;
ALTER TABLE store.live_node ADD COLUMN IF NOT EXISTS execute_completed_at TIMESTAMP;
ALTER TABLE store.live_node ADD COLUMN IF NOT EXISTS adapter_response JSON;
ALTER TABLE store.live_warning ADD COLUMN IF NOT EXISTS data JSON;

-- One row per node per invocation seen in a log, with its latest state. Once the invocation's
-- run_results are ingested they are the authority: status, thread, timings and message come from
-- them (source = 'run_results'), with the same ids and no duplicate rows; nodes that run_results
-- hold but the log did not show (a log that started late) appear too.
CREATE OR REPLACE VIEW node_events AS
WITH rr AS (
  SELECT r.environment, r.invocation_id, r.unique_id, r.status, r.thread_id, r.execution_time,
         r.message, r.rows_affected, r.failures, r.compile_started_at, r.compile_completed_at,
         r.execute_started_at, r.execute_completed_at, r.adapter_response
  FROM store.run_result r
  SEMI JOIN store.live_invocation l ON l.environment = r.environment AND l.invocation_id = r.invocation_id
  QUALIFY row_number() OVER (PARTITION BY r.environment, r.invocation_id, r.unique_id
                             ORDER BY r.result_index DESC) = 1
  UNION ALL
  -- dbt source freshness: sources.json is the authority; it keeps no timestamps, the log does
  SELECT f.environment, f.invocation_id, f.unique_id, f.status, f.thread_id, f.execution_time,
         f.error, NULL, NULL, NULL, NULL, NULL, NULL, f.adapter_response
  FROM store.freshness_result f
  SEMI JOIN store.live_invocation l ON l.environment = f.environment AND l.invocation_id = f.invocation_id
  QUALIFY row_number() OVER (PARTITION BY f.environment, f.invocation_id, f.unique_id
                             ORDER BY f.result_index DESC) = 1
)
SELECT coalesce(r.environment, n.environment)               AS environment,
       coalesce(r.invocation_id, n.invocation_id)           AS invocation_id,
       coalesce(r.unique_id, n.unique_id)                   AS unique_id,
       coalesce(n.resource_type, split_part(r.unique_id, '.', 1)) AS resource_type,
       coalesce(r.status, n.status)                         AS status,
       coalesce(r.thread_id, n.thread)                      AS thread,
       coalesce(n.started_at, r.compile_started_at, r.execute_started_at) AS started_at,
       CASE WHEN r.unique_id IS NULL THEN n.finished_at
            ELSE coalesce(n.finished_at, r.execute_completed_at) END AS finished_at,
       coalesce(r.execution_time, n.execution_time)         AS execution_time,
       coalesce(r.message, n.message)                       AS message,
       coalesce(r.rows_affected, n.rows_affected)           AS rows_affected,
       coalesce(r.failures, n.failures)                     AS failures,
       n.node_index                                          AS node_index,
       CASE WHEN r.unique_id IS NULL THEN 'log' ELSE 'run_results' END AS source,
       -- the adapter's timings: the artifact's where it has them, else the log's (dbt source
       -- freshness keeps none in sources.json as stored; a result without timing)
       coalesce(r.compile_started_at, n.compile_started_at)     AS compile_started_at,
       coalesce(r.compile_completed_at, n.compile_completed_at) AS compile_completed_at,
       coalesce(r.execute_started_at, n.execute_started_at)     AS execute_started_at,
       coalesce(r.execute_completed_at, n.execute_completed_at) AS execute_completed_at,
       CASE WHEN r.adapter_response IS NULL OR r.adapter_response::VARCHAR = '{}'
            THEN n.adapter_response ELSE r.adapter_response END AS adapter_response,
       CASE WHEN r.execute_started_at IS NULL AND n.execute_started_at IS NOT NULL THEN 'log'
            WHEN r.execute_started_at IS NOT NULL THEN 'run_results' END AS timing_source,
       ids.run_id
FROM store.live_node n
FULL OUTER JOIN rr r
  ON r.environment = n.environment AND r.invocation_id = n.invocation_id AND r.unique_id = n.unique_id
LEFT JOIN store.run_ids ids
  ON ids.environment = coalesce(r.environment, n.environment)
 AND ids.invocation_id = coalesce(r.invocation_id, n.invocation_id);

-- One row per invocation seen in a log: its state, progress and an estimate of the time left.
-- running_for and elapsed are measured up to the invocation's last logged event (not the clock),
-- so that a reader computes the same numbers as the writer. eta_seconds: for each running node,
-- its average execution time over earlier results in the environment minus how long it has run;
-- for each node not started, the average execution time of the nodes finished so far in this
-- invocation (their history where none has finished); divided over dbt's threads.
CREATE OR REPLACE VIEW live_runs AS
WITH n AS (
  SELECT e.environment, e.invocation_id,
         count(*) FILTER (WHERE e.status <> 'running')                        AS nodes_finished,
         count(*) FILTER (WHERE e.status = 'running')                         AS nodes_running,
         count(*) FILTER (WHERE e.status IN ('error', 'fail', 'runtime error')) AS nodes_failed,
         count(*) FILTER (WHERE e.status = 'warn')                            AS nodes_warned,
         count(*) FILTER (WHERE e.status = 'skipped')                         AS nodes_skipped,
         count(*)                                                              AS nodes_seen,
         max(e.node_index)                                                     AS max_index,
         avg(e.execution_time) FILTER (WHERE e.status NOT IN ('running', 'skipped')) AS avg_finished
  FROM node_events e GROUP BY ALL
), running AS (
  SELECT n.environment, n.invocation_id,
         sum(greatest(0, coalesce(h.avg_time, 0)
             - coalesce(epoch(i.last_event_at - n.started_at), 0)))            AS remaining_running,
         avg(h.avg_time)                                                       AS avg_history
  FROM store.live_node n
  JOIN store.live_invocation i USING (environment, invocation_id)
  LEFT JOIN (SELECT environment, unique_id, avg(execution_time) AS avg_time
             FROM store.run_result WHERE status NOT IN ('skipped') GROUP BY ALL) h
    ON h.environment = n.environment AND h.unique_id = n.unique_id
  WHERE n.status = 'running'
    AND NOT EXISTS (SELECT 1 FROM store.run_result r WHERE r.environment = n.environment
                    AND r.invocation_id = n.invocation_id AND r.unique_id = n.unique_id)
  GROUP BY ALL
), runs AS (
  SELECT i.*, coalesce(n.nodes_finished, 0) AS nodes_finished,
         coalesce(n.nodes_running, 0) AS nodes_running,
         coalesce(n.nodes_failed, 0) AS nodes_failed, coalesce(n.nodes_warned, 0) AS nodes_warned,
         coalesce(n.nodes_skipped, 0) AS nodes_skipped,
         greatest(coalesce(i.node_count, 0), coalesce(n.max_index, 0), coalesce(n.nodes_seen, 0)) AS nodes_total,
         n.avg_finished, r.remaining_running, r.avg_history,
         EXISTS (SELECT 1 FROM store.artifact a WHERE a.environment = i.environment
                 AND a.invocation_id = i.invocation_id AND a.kind IN ('run_results', 'sources')) AS has_run_results
  FROM store.live_invocation i
  LEFT JOIN n USING (environment, invocation_id)
  LEFT JOIN running r USING (environment, invocation_id)
)
SELECT environment, invocation_id,
       CASE WHEN status = 'running' AND has_run_results THEN 'success' ELSE status END AS status,
       command, invocation_command, dbt_version, started_at, finished_at, last_event_at,
       coalesce(elapsed, epoch(last_event_at - started_at)) AS elapsed,
       threads, nodes_total, nodes_finished, nodes_running,
       greatest(0, nodes_total - nodes_finished - nodes_running) AS nodes_queued,
       nodes_failed, nodes_warned, nodes_skipped,
       CASE WHEN nodes_total = 0 THEN NULL ELSE round(nodes_finished / nodes_total, 4) END AS progress,
       CASE WHEN status <> 'running' OR has_run_results THEN 0.0
            ELSE round(greatest(coalesce(remaining_running, 0),
                 (coalesce(remaining_running, 0)
                  + greatest(0, nodes_total - nodes_finished - nodes_running)
                    * coalesce(avg_finished, avg_history, 0))
                 / greatest(coalesce(threads, 1), 1)), 3) END AS eta_seconds,
       has_run_results, log_file, ids.run_id, ids.job_id, ids.job
FROM runs
LEFT JOIN store.run_ids ids USING (environment, invocation_id);

-- Warnings and deprecations from the logs (level warn, or an event dbt names as a deprecation),
-- with the node they name: node_info.unique_id, or data.unique_id (NodeNotFoundOrDisabled).
-- kind: deprecation (an event named *Deprecation, or DeprecationsSummary) or warning.
CREATE OR REPLACE VIEW log_warnings AS
SELECT environment, invocation_id, unique_id, event_name, level, ts, message,
       CASE WHEN event_name LIKE '%Deprecation' OR event_name = 'DeprecationsSummary'
            THEN 'deprecation' ELSE 'warning' END AS kind,
       data
FROM store.live_warning;

-- One row per deprecation per invocation: the deprecation events a log carried, by name, with how
-- often dbt said it occurred (DeprecationsSummary's occurrences, dbt 1.10+, where it is larger
-- than the events logged: dbt logs each deprecation once and counts the rest).
CREATE OR REPLACE VIEW log_deprecations AS
WITH events AS (
  SELECT environment, invocation_id, event_name AS deprecation, count(*) AS events,
         min(ts) AS first_ts, min(message) AS message
  FROM store.live_warning WHERE event_name LIKE '%Deprecation' GROUP BY ALL
), summary AS (
  SELECT environment, invocation_id, struct_extract(s, 'event_name') AS deprecation,
         max(struct_extract(s, 'occurrences')) AS occurrences
  FROM (SELECT environment, invocation_id,
               unnest(CAST(json_extract(data, '$.summaries') AS
                           STRUCT(event_code VARCHAR, event_name VARCHAR, occurrences BIGINT)[])) AS s
        FROM store.live_warning WHERE event_name = 'DeprecationsSummary' AND data IS NOT NULL)
  GROUP BY ALL
)
SELECT environment, invocation_id, deprecation, coalesce(e.events, 0) AS events,
       greatest(coalesce(e.events, 0), coalesce(s.occurrences, 0)) AS occurrences,
       e.first_ts, e.message
FROM events e FULL OUTER JOIN summary s USING (environment, invocation_id, deprecation);
