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
 * @param logs what the dbt JSON logs among the paths added (docs/live.md); empty when there were none
 * @param alerts the alerts this ingest raised (docs/alerts.md), oldest first
 */
public record IngestReport(
    String environment,
    List<ArtifactOutcome> artifacts,
    long invocationsAdded,
    long definitionsAdded,
    long runResultsAdded,
    long freshnessResultsAdded,
    long catalogEntriesAdded,
    List<String> warnings,
    LogIngestReport logs,
    List<Alert> alerts) {

  /** Copies the lists. */
  public IngestReport {
    artifacts = List.copyOf(artifacts);
    warnings = List.copyOf(warnings);
    logs = logs == null ? LogIngestReport.empty() : logs;
    alerts = List.copyOf(alerts);
  }

  /**
   * A report of artifacts only: no logs read, no alerts.
   *
   * @param environment the environment ingested into
   * @param artifacts one outcome per artifact file
   * @param invocationsAdded invocations new to the environment
   * @param definitionsAdded definitions the environment gained
   * @param runResultsAdded run results added
   * @param freshnessResultsAdded source freshness results added
   * @param catalogEntriesAdded catalog entries the environment gained
   * @param warnings every warning
   */
  public IngestReport(String environment, List<ArtifactOutcome> artifacts, long invocationsAdded,
      long definitionsAdded, long runResultsAdded, long freshnessResultsAdded,
      long catalogEntriesAdded, List<String> warnings) {
    this(environment, artifacts, invocationsAdded, definitionsAdded, runResultsAdded,
        freshnessResultsAdded, catalogEntriesAdded, warnings, LogIngestReport.empty(), List.of());
  }

  /**
   * @param logs what the logs added
   * @param alerts the alerts raised
   * @return this report with them
   */
  public IngestReport with(LogIngestReport logs, List<Alert> alerts) {
    return new IngestReport(environment, artifacts, invocationsAdded, definitionsAdded,
        runResultsAdded, freshnessResultsAdded, catalogEntriesAdded, warnings, logs, alerts);
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
