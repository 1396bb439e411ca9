package dev.dbtlens;

import java.time.Instant;

/**
 * How fresh a model, seed or snapshot is: its last attempt and its last success kept apart (as
 * dbt Cloud's Discovery API keeps {@code lastRun*} apart from the last successful build), the
 * time since that success, and its SLA from {@code meta.freshness} evaluated at the report's time.
 *
 * @param uniqueId the node, e.g. {@code model.shop.orders}
 * @param resourceType {@code model}, {@code seed} or {@code snapshot}
 * @param lastAttempt its latest run result whatever the outcome, or null if never run
 * @param lastSuccess its latest run result with status {@code success}, or null if never built
 * @param ageSeconds seconds from the last success's {@link Run#completedAt()} to the report's
 *     time, or null if never built
 * @param sla the thresholds in its {@code meta.freshness} (else {@code config.meta.freshness}), or
 *     null if it declares none
 * @param slaStatus {@code pass}, {@code warn} or {@code error} by the SLA at the report's time;
 *     {@code unknown} if it has an SLA but never succeeded; null if it has no SLA
 */
public record ModelFreshness(
    NodeId uniqueId,
    String resourceType,
    Run lastAttempt,
    Run lastSuccess,
    Double ageSeconds,
    FreshnessCriteria sla,
    String slaStatus) {

  /**
   * One run result of the node.
   *
   * @param invocationId the invocation
   * @param status dbt-core's lower-case status, e.g. {@code success}, {@code error}, {@code skipped}
   * @param completedAt when execution completed ({@code timing} execute {@code completed_at}),
   *     else the run_results file's {@code generated_at}
   * @param generatedAt the run_results file's {@code generated_at}
   * @param message dbt's message, e.g. the error, or null
   */
  public record Run(String invocationId, String status, Instant completedAt, Instant generatedAt,
      String message) {}
}
