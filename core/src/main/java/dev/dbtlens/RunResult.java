package dev.dbtlens;

import java.time.Instant;
import java.util.Set;

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
 * @param command the dbt command that wrote the result, in dbt's spelling ({@code build}, {@code
 *     run}, {@code test}, {@code seed}, {@code snapshot}, {@code compile}, {@code docs generate},
 *     ...; the {@code command} column of the {@code run_results} view), or null when the file does
 *     not say
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
    Instant generatedAt,
    String command) {

  /**
   * Commands that write run_results without building anything: each node they compiled reads
   * {@code success}.
   */
  public static final Set<String> NON_BUILD_COMMANDS = Set.of("compile", "docs generate", "show");

  /**
   * A result without its command (null), as before {@code command} was added.
   *
   * @deprecated pass the command too
   */
  @Deprecated
  public RunResult(String environment, String invocationId, NodeId uniqueId, String status,
      Double executionTime, String threadId, Instant executeStartedAt, Instant executeCompletedAt,
      Long rowsAffected, Long failures, String message, Instant generatedAt) {
    this(environment, invocationId, uniqueId, status, executionTime, threadId, executeStartedAt,
        executeCompletedAt, rowsAffected, failures, message, generatedAt, null);
  }

  /**
   * @return false for results of {@link #NON_BUILD_COMMANDS}; true otherwise, also when the command
   *     is unknown
   */
  public boolean isBuild() {
    return command == null || !NON_BUILD_COMMANDS.contains(command);
  }
}
