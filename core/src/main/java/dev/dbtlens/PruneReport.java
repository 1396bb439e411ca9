package dev.dbtlens;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link DbtLens#prune(PruneOptions)} removed (or, for a dry run, would remove).
 *
 * @param dryRun true when nothing was changed
 * @param invocations the invocations removed, by environment and time
 * @param rowsRemoved rows removed per internal table ({@code store.run_result}, {@code
 *     store.node_def}, ...), tables with none left out, in table-name order
 * @param definitionsRemoved node definitions no stored manifest referenced any more
 * @param bytesBefore the database file's size before, 0 for an in-memory database
 * @param bytesAfter its size after compaction (the same as before for a dry run)
 */
public record PruneReport(boolean dryRun, List<Removed> invocations, Map<String, Long> rowsRemoved,
    long definitionsRemoved, long bytesBefore, long bytesAfter) {
  /** Copies the collections. */
  public PruneReport {
    invocations = List.copyOf(invocations);
    rowsRemoved = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rowsRemoved));
  }

  /**
   * One invocation removed.
   *
   * @param environment its environment
   * @param invocationId dbt's invocation id
   * @param command the dbt command when known, else null
   * @param generatedAt the latest {@code generated_at} of its artifacts, null when none had one
   */
  public record Removed(String environment, String invocationId, String command, Instant generatedAt) {}
}
