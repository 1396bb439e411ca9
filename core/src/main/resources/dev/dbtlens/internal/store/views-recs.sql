-- Recommendations (docs/sql.md#recommendations): the violations and metrics stored after each
-- ingest, for the latest manifest of each environment only.
CREATE OR REPLACE VIEW recommendations AS
SELECT r.environment, r.rule_name, r.category, r.severity, r.unique_id, r.nodes, r.violation_id,
       r.description, r.manifest_invocation_id
FROM store.recommendation r
JOIN store.current_manifest cm ON cm.environment = r.environment AND cm.snapshot_id = r.snapshot_id;

CREATE OR REPLACE VIEW recommendation_metrics AS
SELECT m.environment, m.name, m.value
FROM store.recommendation_metric m
JOIN store.current_manifest cm ON cm.environment = m.environment AND cm.snapshot_id = m.snapshot_id;
