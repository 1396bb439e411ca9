-- Schema version 2: numeric ids the way Discovery API clients know them (BigInt environment, job and
-- run ids), and each node's current execution. Existing environments and invocations get ids
-- assigned after this script, in the order they were ingested (Ids.assignMissing), exactly as a new
-- ingest assigns them; then each environment's current state is recomputed.
CREATE TABLE store.environment_ids (
  environment    VARCHAR PRIMARY KEY,
  environment_id BIGINT NOT NULL UNIQUE,
  id_source      VARCHAR NOT NULL   -- option | process-env | artifact-env | assigned
);

-- One row per invocation: its run id (unique in the database) and job id (shared by the runs of one job).
CREATE TABLE store.run_ids (
  environment   VARCHAR NOT NULL,
  invocation_id VARCHAR NOT NULL,
  run_id        BIGINT NOT NULL UNIQUE,
  job_id        BIGINT NOT NULL,
  job           VARCHAR,            -- the job label the job id was given for
  id_source     VARCHAR NOT NULL,
  PRIMARY KEY (environment, invocation_id)
);

-- Each node's last build attempt and last successful build per environment (kind 'attempt' and
-- 'success'), materialised at ingest (CurrentState) so that pages of nodes with their execution read
-- two rows per node instead of ranking the environment's whole run history. Builds are the run
-- results of build, run, seed, snapshot, test and retry (or of a file that names no command).
CREATE TABLE store.current_execution AS
SELECT ''::VARCHAR AS kind, r.*, ''::VARCHAR AS command, ''::VARCHAR AS job, 0::BIGINT AS run_id,
       0::BIGINT AS job_id, 0::DOUBLE AS run_elapsed_time
FROM store.run_result r LIMIT 0;

UPDATE store.meta SET value = '2' WHERE key = 'schema_version';
