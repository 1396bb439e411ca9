package dev.dbtlens;

import java.util.Objects;

/**
 * How to ingest: into which environment, under which job label, reporting progress where.
 *
 * @param environment the named series of invocations to add to (e.g. {@code prod}); {@code default}
 *     if not given
 * @param job a label for the job that produced the artifacts; null means the dbt command
 * @param progress told of progress through each file; {@link ProgressListener#NONE} for none
 * @param conflictsAllowed whether files in conflict with the environment (see {@link
 *     ArtifactOutcome.Status#CONFLICT}) are skipped and reported while the rest is added; by default
 *     a conflict fails the ingest with {@link IngestConflictException} and nothing is written
 */
public record IngestOptions(String environment, String job, ProgressListener progress, boolean conflictsAllowed) {
  /** The environment used when none is named. */
  public static final String DEFAULT_ENVIRONMENT = "default";

  /** Validates the options. */
  public IngestOptions {
    Objects.requireNonNull(environment, "environment");
    if (environment.isBlank()) {
      throw new IllegalArgumentException("environment must not be blank");
    }
    progress = progress == null ? ProgressListener.NONE : progress;
  }

  /**
   * Options that refuse conflicts.
   *
   * @param environment the environment
   * @param job the job label, or null
   * @param progress the progress listener, or null
   */
  public IngestOptions(String environment, String job, ProgressListener progress) {
    this(environment, job, progress, false);
  }

  /** @return options for the {@code default} environment, no job label, no progress, conflicts refused */
  public static IngestOptions defaults() {
    return new IngestOptions(DEFAULT_ENVIRONMENT, null, ProgressListener.NONE, false);
  }

  /**
   * @param name the environment
   * @return these options for that environment
   */
  public IngestOptions withEnvironment(String name) {
    return new IngestOptions(name, job, progress, conflictsAllowed);
  }

  /**
   * @param label the job label
   * @return these options with that job label
   */
  public IngestOptions withJob(String label) {
    return new IngestOptions(environment, label, progress, conflictsAllowed);
  }

  /**
   * @param listener the progress listener
   * @return these options reporting to that listener
   */
  public IngestOptions withProgress(ProgressListener listener) {
    return new IngestOptions(environment, job, listener, conflictsAllowed);
  }

  /**
   * @param allowed true to skip conflicting files and add the rest
   * @return these options with conflicts allowed or refused
   */
  public IngestOptions withConflictsAllowed(boolean allowed) {
    return new IngestOptions(environment, job, progress, allowed);
  }
}
