-- Schema version 5: each node's latest results as the alerts last read them (their window: the
-- latest result, the one before it and the up to 20 before that whose median model_slower uses),
-- and how many results each invocation had then. Deriving the alerts of the next build then reads
-- the windows of the nodes it ran and its own results, not every result the environment keeps.
-- Databases written before have none: their next derivation reads the whole history once.
CREATE TABLE store.alert_window (
  environment VARCHAR NOT NULL,
  unique_id   VARCHAR NOT NULL,
  results     STRUCT(invocation_id VARCHAR, resource_type VARCHAR, status VARCHAR, execution_time DOUBLE,
                     result_at TIMESTAMP)[] NOT NULL   -- newest first
);
CREATE TABLE store.alert_window_source (
  environment     VARCHAR NOT NULL,
  invocation_id   VARCHAR NOT NULL,
  results         BIGINT NOT NULL,   -- its run results and finished live nodes, skipped ones aside
  live_updated_at TIMESTAMP          -- the latest change to its live nodes
);
UPDATE store.meta SET value = '5' WHERE key = 'schema_version';
