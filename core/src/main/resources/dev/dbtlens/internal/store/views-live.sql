-- Live runs from dbt's structured logs (docs/live.md, docs/sql.md "Live runs").

-- One row per node per invocation seen in a log, with its latest state. Once the invocation's
-- run_results are ingested they are the authority: status, thread, timings and message come from
-- them (source = 'run_results'), with the same ids and no duplicate rows; nodes that run_results
-- hold but the log did not show (a log that started late) appear too.
CREATE OR REPLACE VIEW node_events AS
WITH rr AS (
  SELECT r.* FROM store.run_result r
  SEMI JOIN store.live_invocation l ON l.environment = r.environment AND l.invocation_id = r.invocation_id
  QUALIFY row_number() OVER (PARTITION BY r.environment, r.invocation_id, r.unique_id
                             ORDER BY r.result_index DESC) = 1
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
       CASE WHEN r.unique_id IS NULL THEN 'log' ELSE 'run_results' END AS source
FROM store.live_node n
FULL OUTER JOIN rr r
  ON r.environment = n.environment AND r.invocation_id = n.invocation_id AND r.unique_id = n.unique_id;

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
                 AND a.invocation_id = i.invocation_id AND a.kind = 'run_results') AS has_run_results
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
       has_run_results, log_file
FROM runs;

-- Warnings and deprecations from the logs (level warn, or an event dbt names as a warning).
CREATE OR REPLACE VIEW log_warnings AS
SELECT environment, invocation_id, unique_id, event_name, level, ts, message FROM store.live_warning;
