package dev.dbtlens;

import java.util.Objects;

/**
 * How to ingest: into which environment, under which job label and ids, reporting progress where.
 *
 * <p>Environments, jobs and runs have numeric ids, the way dbt Cloud's Discovery API clients know
 * them. An id not given here comes from the process environment where dbt Cloud or CI set it
 * ({@code DBT_CLOUD_ENVIRONMENT_ID}; {@code DBT_CLOUD_JOB_ID}, {@code DBT_JOB_ID}; {@code
 * DBT_CLOUD_RUN_ID}, {@code DBT_JOB_RUN_ID}, {@code GITHUB_RUN_ID}), else from the same names in
 * the artifacts' {@code metadata.env} (dbt copies {@code DBT_ENV_CUSTOM_ENV_*} variables there),
 * else dbtlens assigns it: environments 1, 2, ... in creation order, runs numbered per database,
 * one job id per job label of an environment. Stored ids never change.
 *
 * @param environment the named series of invocations to add to (e.g. {@code prod}); {@code default}
 *     if not given
 * @param job a label for the job that produced the artifacts; null means the dbt command
 * @param progress told of progress through each file; {@link ProgressListener#NONE} for none
 * @param environmentId the environment's numeric id, or null; an ingest fails if the environment
 *     already has another id, or the id belongs to another environment
 * @param jobId the job id of the invocations this ingest adds, or null
 * @param runId the run id of the one invocation this ingest adds, or null; an ingest that adds
 *     several invocations, or whose run id belongs to another invocation, fails
 */
public record IngestOptions(String environment, String job, ProgressListener progress,
    Long environmentId, Long jobId, Long runId) {
  /** The environment used when none is named. */
  public static final String DEFAULT_ENVIRONMENT = "default";

  /** Validates the options. */
  public IngestOptions {
    Objects.requireNonNull(environment, "environment");
    if (environment.isBlank()) {
      throw new IllegalArgumentException("environment must not be blank");
    }
    progress = progress == null ? ProgressListener.NONE : progress;
    for (Long id : new Long[] {environmentId, jobId, runId}) {
      if (id != null && id <= 0) {
        throw new IllegalArgumentException("ids are positive numbers, got " + id);
      }
    }
  }

  /** Options without ids: every id comes from the process environment, the artifacts or dbtlens. */
  public IngestOptions(String environment, String job, ProgressListener progress) {
    this(environment, job, progress, null, null, null);
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
    return new IngestOptions(name, job, progress, environmentId, jobId, runId);
  }

  /**
   * @param label the job label
   * @return these options with that job label
   */
  public IngestOptions withJob(String label) {
    return new IngestOptions(environment, label, progress, environmentId, jobId, runId);
  }

  /**
   * @param listener the progress listener
   * @return these options reporting to that listener
   */
  public IngestOptions withProgress(ProgressListener listener) {
    return new IngestOptions(environment, job, listener, environmentId, jobId, runId);
  }

  /**
   * @param environmentId the environment's id, or null
   * @param jobId the job id of the invocations this ingest adds, or null
   * @param runId the run id of the one invocation this ingest adds, or null
   * @return these options with those ids
   */
  public IngestOptions withIds(Long environmentId, Long jobId, Long runId) {
    return new IngestOptions(environment, job, progress, environmentId, jobId, runId);
  }
}
