-- Alerts per node (docs/alerts.md, docs/sql.md "Alerts").
CREATE OR REPLACE VIEW alerts AS
SELECT alert_id, environment, invocation_id, unique_id, resource_type, kind, severity, status,
       previous_status, execution_time, baseline_time, message, detected_at, source,
       rule_name, category, violation_id
FROM store.alert;
