-- Live runs (docs/live.md): the state of dbt invocations as their structured (JSON) logs arrive,
-- written in small transactions by `dbtlens follow` and by the ingest of log files. run_results,
-- when they arrive, are the authority: the public views prefer them (views-live.sql).

-- One row per invocation seen in a log. An invocation gets its run id (store.run_ids, id_source
-- 'log') when its first node starts, so that GraphQL's job(id, runId) reaches it while it runs; its
-- artifacts, when they arrive, keep that run id.
CREATE TABLE store.live_invocation (
  environment        VARCHAR NOT NULL,
  invocation_id      VARCHAR NOT NULL,
  status             VARCHAR NOT NULL,   -- running | success | error | incomplete (log ended without dbt's end)
  command            VARCHAR,            -- e.g. 'dbt build' (CommandCompleted, or 'dbt ' || args.which)
  invocation_command VARCHAR,            -- the whole command line (MainReportArgs, dbt 1.5+)
  dbt_version        VARCHAR,            -- MainReportVersion, e.g. 1.8.2
  started_at         TIMESTAMP,          -- first event of the invocation
  finished_at        TIMESTAMP,          -- CommandCompleted / FlushEvents
  last_event_at      TIMESTAMP,
  elapsed            DOUBLE,             -- CommandCompleted.elapsed, else last_event_at - started_at
  node_count         INTEGER,            -- ConcurrencyLine.node_count, or the largest 'N of M'
  threads            INTEGER,
  log_file           VARCHAR,            -- the file it was read from, or '-' for a stream
  updated_at         TIMESTAMP NOT NULL
);

-- One row per node per invocation: its latest state in the log.
CREATE TABLE store.live_node (
  environment    VARCHAR NOT NULL,
  invocation_id  VARCHAR NOT NULL,
  unique_id      VARCHAR NOT NULL,
  resource_type  VARCHAR,
  name           VARCHAR,
  status         VARCHAR NOT NULL,      -- running, or dbt's final status (success, pass, fail, error, warn, skipped, ...)
  thread         VARCHAR,
  node_index     INTEGER,               -- 'N of M'
  started_at     TIMESTAMP,
  finished_at    TIMESTAMP,
  execution_time DOUBLE,
  rows_affected  BIGINT,
  failures       BIGINT,
  message        VARCHAR,
  relation_name  VARCHAR,
  updated_at     TIMESTAMP NOT NULL,
  -- NodeFinished run_result.timing_info and adapter_response: what the log knows of the adapter's
  -- work, kept for the results whose artifacts lack it (views-live.sql node_events)
  compile_started_at   TIMESTAMP,
  compile_completed_at TIMESTAMP,
  execute_started_at   TIMESTAMP,
  execute_completed_at TIMESTAMP,
  adapter_response     JSON
);

-- Warnings and deprecations a log reported, with the node they name where they name one.
CREATE TABLE store.live_warning (
  environment   VARCHAR NOT NULL,
  invocation_id VARCHAR NOT NULL,
  unique_id     VARCHAR,
  event_name    VARCHAR NOT NULL,
  level         VARCHAR,
  ts            TIMESTAMP,
  message       VARCHAR,
  data          JSON                -- the event's data without node_info (e.g. a DeprecationsSummary's summaries)
);
