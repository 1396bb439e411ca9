-- Alerts per node (docs/alerts.md): what changed for a node between its previous and latest
-- result, derived after each ingest and per finished node while following a log.
CREATE SEQUENCE store.alert_seq START 1;
CREATE TABLE store.alert (
  alert_id        BIGINT NOT NULL,
  environment     VARCHAR NOT NULL,
  invocation_id   VARCHAR NOT NULL,    -- the invocation whose result raised it
  unique_id       VARCHAR NOT NULL,
  resource_type   VARCHAR,
  kind            VARCHAR NOT NULL,    -- test_failed | test_recovered | model_errored | model_recovered | source_stale | source_fresh | model_slower | recommendation_new
  severity        VARCHAR NOT NULL,    -- error | warn | info
  status          VARCHAR,             -- the node's latest status
  previous_status VARCHAR,             -- its status in the invocation before
  execution_time  DOUBLE,
  baseline_time   DOUBLE,              -- model_slower: median of the earlier executions
  message         VARCHAR,
  detected_at     TIMESTAMP NOT NULL,
  source          VARCHAR NOT NULL,    -- ingest | log
  rule_name       VARCHAR,             -- recommendation_new: the dbt-project-evaluator rule
  category        VARCHAR,             -- recommendation_new: modeling | testing | documentation | ...
  violation_id    VARCHAR              -- recommendation_new: the violation's stable id
);
-- The violations of the last evaluation of each environment's recommendations that alerts were
-- derived against: a violation not in it is new (recommendation_new). The first evaluation of an
-- environment only sets it, raising nothing.
CREATE TABLE store.alert_recommendation_baseline (
  environment   VARCHAR NOT NULL,
  snapshot_id   VARCHAR NOT NULL,    -- the manifest whose evaluation it holds
  violation_ids VARCHAR[] NOT NULL
);
