package dev.dbtlens;

import java.time.Instant;

/**
 * One dbt invocation seen in a log, with its progress (a row of the {@code live_runs} view).
 *
 * @param environment the environment
 * @param invocationId dbt's invocation id
 * @param status {@code running}; {@code success} or {@code error} once dbt logged its end (or its
 *     run_results arrived); {@code incomplete} when a log file read to its end never said so (a
 *     crashed or killed run)
 * @param command e.g. {@code dbt build}, or null
 * @param invocationCommand the whole command line (dbt 1.5+), or null
 * @param dbtVersion e.g. {@code 1.8.2}, or null
 * @param startedAt the invocation's first event
 * @param finishedAt when dbt said it ended, or null
 * @param lastEventAt its latest event
 * @param elapsedSeconds dbt's elapsed time once ended, else from the first to the latest event
 * @param threads dbt's threads, or null
 * @param nodesTotal nodes dbt said it would run (0 when it did not say)
 * @param nodesFinished nodes with a final status
 * @param nodesRunning nodes started and not finished
 * @param nodesQueued nodes not started yet
 * @param nodesFailed nodes with status error, fail or runtime error
 * @param nodesWarned nodes with status warn
 * @param nodesSkipped nodes skipped
 * @param progress finished / total, between 0 and 1, or null when the total is unknown
 * @param etaSeconds estimated seconds left (0 once ended), from each node's history
 * @param hasRunResults whether the invocation's run_results are ingested
 * @param runId the run id (the Discovery API's {@code runId}): given when the first node starts,
 *     kept when the artifacts arrive; null for an invocation without nodes
 */
public record LiveRun(
    String environment,
    String invocationId,
    String status,
    String command,
    String invocationCommand,
    String dbtVersion,
    Instant startedAt,
    Instant finishedAt,
    Instant lastEventAt,
    Double elapsedSeconds,
    Integer threads,
    long nodesTotal,
    long nodesFinished,
    long nodesRunning,
    long nodesQueued,
    long nodesFailed,
    long nodesWarned,
    long nodesSkipped,
    Double progress,
    Double etaSeconds,
    boolean hasRunResults,
    Long runId) {

  /** @return true while dbt has not logged the invocation's end */
  public boolean running() {
    return "running".equals(status);
  }
}
