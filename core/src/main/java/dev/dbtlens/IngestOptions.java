package dev.dbtlens;

import java.util.Objects;

/**
 * How to ingest: into which environment, under which job label and ids, reporting progress where,
 * and what to do with files in conflict with the environment.
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
 * @param conflictsAllowed whether files in conflict with the environment (see {@link
 *     ArtifactOutcome.Status#CONFLICT}) are skipped and reported while the rest is added; by default
 *     a conflict fails the ingest with {@link IngestConflictException} and nothing is written
 * @param environmentId the environment's numeric id, or null; an ingest fails if the environment
 *     already has another id, or the id belongs to another environment
 * @param jobId the job id of the invocations this ingest adds, or null
 * @param runId the run id of the one invocation this ingest adds, or null; an ingest that adds
 *     several invocations, or whose run id belongs to another invocation, fails
 * @param derive whether the ingest, once its artifacts have committed, derives what is computed from
 *     them (column lineage, the stored recommendations, alerts; {@link DbtLens#derive}) before it
 *     returns; true by default. False returns as soon as the artifacts are in the file, to load a
 *     backlog of runs, or to derive in a later step: the next ingest that derives, or {@link
 *     DbtLens#derive}, catches up on everything skipped
 */
public record IngestOptions(String environment, String job, ProgressListener progress,
    boolean conflictsAllowed, Long environmentId, Long jobId, Long runId, boolean derive) {
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

  /**
   * Options that refuse conflicts and take every id from the process environment, the artifacts
   * or dbtlens.
   *
   * @param environment the environment
   * @param job the job label, or null
   * @param progress the progress listener, or null
   */
  public IngestOptions(String environment, String job, ProgressListener progress) {
    this(environment, job, progress, false, null, null, null, true);
  }

  /** @return options for the {@code default} environment, no job label, no progress, conflicts refused */
  public static IngestOptions defaults() {
    return new IngestOptions(DEFAULT_ENVIRONMENT, null, ProgressListener.NONE);
  }

  /**
   * @param name the environment
   * @return these options for that environment
   */
  public IngestOptions withEnvironment(String name) {
    return new IngestOptions(name, job, progress, conflictsAllowed, environmentId, jobId, runId, derive);
  }

  /**
   * @param label the job label
   * @return these options with that job label
   */
  public IngestOptions withJob(String label) {
    return new IngestOptions(environment, label, progress, conflictsAllowed, environmentId, jobId, runId, derive);
  }

  /**
   * @param listener the progress listener
   * @return these options reporting to that listener
   */
  public IngestOptions withProgress(ProgressListener listener) {
    return new IngestOptions(environment, job, listener, conflictsAllowed, environmentId, jobId, runId, derive);
  }

  /**
   * @param allowed true to skip conflicting files and add the rest
   * @return these options with conflicts allowed or refused
   */
  public IngestOptions withConflictsAllowed(boolean allowed) {
    return new IngestOptions(environment, job, progress, allowed, environmentId, jobId, runId, derive);
  }

  /**
   * @param environmentId the environment's id, or null
   * @param jobId the job id of the invocations this ingest adds, or null
   * @param runId the run id of the one invocation this ingest adds, or null
   * @return these options with those ids
   */
  public IngestOptions withIds(Long environmentId, Long jobId, Long runId) {
    return new IngestOptions(environment, job, progress, conflictsAllowed, environmentId, jobId, runId, derive);
  }

  /**
   * @param derive false to return once the artifacts are committed, without deriving column lineage,
   *     recommendations and alerts (see {@link #derive()})
   * @return these options deriving or not
   */
  public IngestOptions withDerive(boolean derive) {
    return new IngestOptions(environment, job, progress, conflictsAllowed, environmentId, jobId, runId, derive);
  }
}
