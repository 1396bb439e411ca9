package dev.dbtlens;

import java.util.Objects;

/**
 * How to ingest: into which environment, under which job label, reporting progress where.
 *
 * @param environment the named series of invocations to add to (e.g. {@code prod}); {@code default}
 *     if not given
 * @param job a label for the job that produced the artifacts; null means the dbt command
 * @param progress told of progress through each file; {@link ProgressListener#NONE} for none
 */
public record IngestOptions(String environment, String job, ProgressListener progress) {
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

  /** @return options for the {@code default} environment, no job label, no progress */
  public static IngestOptions defaults() {
    return new IngestOptions(DEFAULT_ENVIRONMENT, null, ProgressListener.NONE);
  }

  /**
   * @param name the environment
   * @return these options for that environment
   */
  public IngestOptions withEnvironment(String name) {
    return new IngestOptions(name, job, progress);
  }

  /**
   * @param label the job label
   * @return these options with that job label
   */
  public IngestOptions withJob(String label) {
    return new IngestOptions(environment, label, progress);
  }

  /**
   * @param listener the progress listener
   * @return these options reporting to that listener
   */
  public IngestOptions withProgress(ProgressListener listener) {
    return new IngestOptions(environment, job, listener);
  }
}
