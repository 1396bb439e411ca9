-- Schema version 2: numeric ids the way Discovery API clients know them (BigInt environment, job and
-- run ids). Existing environments and invocations get ids assigned after this script, in the order
-- they were ingested (Ids.assignMissing), exactly as a new ingest assigns them.
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

UPDATE store.meta SET value = '2' WHERE key = 'schema_version';
