-- Alerts per node (docs/alerts.md): what changed for a node between its previous and latest
-- result, derived after each ingest and per finished node while following a log.
CREATE SEQUENCE store.alert_seq START 1;
CREATE TABLE store.alert (
  alert_id        BIGINT NOT NULL,
  environment     VARCHAR NOT NULL,
  invocation_id   VARCHAR NOT NULL,    -- the invocation whose result raised it
  unique_id       VARCHAR NOT NULL,
  resource_type   VARCHAR,
  kind            VARCHAR NOT NULL,    -- test_failed | test_recovered | model_errored | model_recovered | source_stale | source_fresh | model_slower
  severity        VARCHAR NOT NULL,    -- error | warn | info
  status          VARCHAR,             -- the node's latest status
  previous_status VARCHAR,             -- its status in the invocation before
  execution_time  DOUBLE,
  baseline_time   DOUBLE,              -- model_slower: median of the earlier executions
  message         VARCHAR,
  detected_at     TIMESTAMP NOT NULL,
  source          VARCHAR NOT NULL     -- ingest | log
);
