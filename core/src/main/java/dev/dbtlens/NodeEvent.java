package dev.dbtlens;

import java.time.Instant;

/**
 * One node's latest state in one invocation, as dbt's log reported it and, once the invocation's
 * run_results are ingested, as they say (a row of the {@code node_events} view).
 *
 * @param environment the environment
 * @param invocationId dbt's invocation id
 * @param uniqueId the node, e.g. {@code model.shop.orders}
 * @param resourceType model, test, seed, snapshot, ...
 * @param status {@code running}, or dbt's final status ({@code success}, {@code pass}, {@code fail},
 *     {@code error}, {@code warn}, {@code skipped}, ...)
 * @param thread dbt's thread, e.g. {@code Thread-1}, or null
 * @param startedAt when the node started, or null
 * @param finishedAt when it finished, or null while running
 * @param executionTime seconds, or null while running
 * @param message dbt's message (an error, a test's failure count), or null
 * @param index its position in dbt's "N of M" lines, or null
 * @param source {@code log} while only the log knows it, {@code run_results} once they arrived
 */
public record NodeEvent(
    String environment,
    String invocationId,
    String uniqueId,
    String resourceType,
    String status,
    String thread,
    Instant startedAt,
    Instant finishedAt,
    Double executionTime,
    String message,
    Integer index,
    String source) {

  /** @return true while the node runs */
  public boolean running() {
    return "running".equals(status);
  }

  /** @return true for the statuses that fail a run: error, fail, runtime error */
  public boolean failed() {
    return "error".equals(status) || "fail".equals(status) || "runtime error".equals(status);
  }
}
