package dev.dbtlens;

import java.time.Instant;

/**
 * One node's result in one invocation.
 *
 * @param environment the environment
 * @param invocationId the invocation
 * @param uniqueId the node
 * @param status dbt-core's lower-case status: {@code success}, {@code error}, {@code skipped},
 *     {@code pass}, {@code fail}, {@code warn}, {@code runtime error}, {@code no-op}, ...
 * @param executionTime seconds
 * @param threadId the dbt thread, e.g. {@code Thread-1}
 * @param executeStartedAt when execution started, or null
 * @param executeCompletedAt when execution completed, or null
 * @param rowsAffected {@code adapter_response.rows_affected}, or null
 * @param failures failing rows of a test, or null
 * @param message dbt's message
 * @param generatedAt the run_results file's {@code generated_at}
 */
public record RunResult(
    String environment,
    String invocationId,
    NodeId uniqueId,
    String status,
    Double executionTime,
    String threadId,
    Instant executeStartedAt,
    Instant executeCompletedAt,
    Long rowsAffected,
    Long failures,
    String message,
    Instant generatedAt) {}
