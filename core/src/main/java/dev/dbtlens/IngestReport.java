package dev.dbtlens;

import java.util.List;

/**
 * What one ingest added and skipped. An ingest is one transaction: if it throws, nothing of it was
 * written and there is no report.
 *
 * @param environment the environment ingested into
 * @param artifacts one outcome per artifact file, in the order read
 * @param invocationsAdded invocations new to the environment
 * @param definitionsAdded node and macro definitions the environment gained: in none of its
 *     manifests before, though perhaps stored for another environment (storage shares them)
 * @param runResultsAdded run results added
 * @param freshnessResultsAdded source freshness results added
 * @param catalogEntriesAdded catalog entries (tables, views) the environment gained: in none of its
 *     catalogs before, though perhaps stored for another environment
 * @param warnings every warning, also printed to stderr by the CLI
 */
public record IngestReport(
    String environment,
    List<ArtifactOutcome> artifacts,
    long invocationsAdded,
    long definitionsAdded,
    long runResultsAdded,
    long freshnessResultsAdded,
    long catalogEntriesAdded,
    List<String> warnings) {

  /** Copies the lists. */
  public IngestReport {
    artifacts = List.copyOf(artifacts);
    warnings = List.copyOf(warnings);
  }

  /** @return how many files were skipped as already ingested */
  public long skipped() {
    return count(ArtifactOutcome.Status.ALREADY_INGESTED);
  }

  /**
   * @return how many files were skipped because they conflict with what the environment holds
   *     (only with {@link IngestOptions#conflictsAllowed()}: otherwise a conflict fails the ingest)
   * @since 0.2
   */
  public long conflicts() {
    return count(ArtifactOutcome.Status.CONFLICT);
  }

  private long count(ArtifactOutcome.Status status) {
    return artifacts.stream().filter(a -> a.status() == status).count();
  }

  /** @return true when the ingest wrote nothing at all */
  public boolean nothingAdded() {
    return artifacts.stream().noneMatch(ArtifactOutcome::added);
  }
}
