-- Recommendations (docs/recommendations.md): dbt-project-evaluator's rules evaluated with the
-- package's defaults over each environment's latest manifest, rewritten after every ingest that
-- changes that manifest. snapshot_id says which manifest the rows were computed from.
CREATE TABLE store.recommendation (
  environment            VARCHAR NOT NULL,
  snapshot_id            VARCHAR NOT NULL,
  manifest_invocation_id VARCHAR,
  rule_name              VARCHAR NOT NULL,
  category               VARCHAR NOT NULL,
  severity               VARCHAR NOT NULL,
  unique_id              VARCHAR,
  nodes                  VARCHAR[],
  violation_id           VARCHAR NOT NULL,
  description            VARCHAR NOT NULL
);
CREATE TABLE store.recommendation_metric (
  environment VARCHAR NOT NULL,
  snapshot_id VARCHAR NOT NULL,
  name        VARCHAR NOT NULL,
  value       DOUBLE
);
