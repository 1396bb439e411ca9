package dev.dbtlens;

import java.time.Instant;

/**
 * Something that changed for one node between its previous result and its latest one (a row of
 * the {@code alerts} view).
 *
 * @param id the alert's number, increasing in the database
 * @param environment the environment
 * @param invocationId the invocation whose result raised it (for {@code recommendation_new}: the
 *     invocation of the manifest evaluated)
 * @param uniqueId the node (for a project-wide {@code recommendation_new}, such as a coverage
 *     below its target: the empty string)
 * @param resourceType model, test, source, ...
 * @param kind {@code test_failed}, {@code test_warned}, {@code test_recovered}, {@code
 *     model_errored}, {@code model_recovered}, {@code source_stale}, {@code source_fresh}, {@code
 *     model_slower} or {@code recommendation_new}
 * @param severity {@code error}, {@code warn} or {@code info} (for {@code recommendation_new}: the
 *     rule's severity)
 * @param status the node's latest status
 * @param previousStatus its status in the result before, or null for its first result
 * @param executionTime the latest execution time in seconds, or null
 * @param baselineTime for {@code model_slower}: the median of its earlier successful executions
 * @param message a one-line description
 * @param detectedAt when dbtlens derived it
 * @param source {@code ingest} (artifacts) or {@code log} (a followed log, per node)
 * @param ruleName for {@code recommendation_new}: the dbt-project-evaluator rule, else null
 * @param category for {@code recommendation_new}: the rule's category, else null
 * @param violationId for {@code recommendation_new}: the violation's stable id, else null
 */
public record Alert(
    long id,
    String environment,
    String invocationId,
    String uniqueId,
    String resourceType,
    String kind,
    String severity,
    String status,
    String previousStatus,
    Double executionTime,
    Double baselineTime,
    String message,
    Instant detectedAt,
    String source,
    String ruleName,
    String category,
    String violationId) { }
