package dev.dbtlens;

import java.time.Instant;
import java.util.Set;

/**
 * One dbt invocation (a run) in an environment, assembled from every artifact seen for it.
 *
 * @param environment the environment it was ingested into
 * @param invocationId dbt's {@code invocation_id}
 * @param command the dbt command when known ({@code build}, {@code run}, {@code test}, {@code
 *     source freshness}, {@code docs generate}), else null
 * @param job the job label given at ingest, else the command
 * @param dbtVersion the dbt version that wrote the artifacts
 * @param generatedAt the latest {@code generated_at} among its artifacts
 * @param elapsedTime seconds the invocation took, from run_results or sources, else null
 * @param artifacts which artifacts were seen
 * @param environmentId the environment's numeric id (see {@link IngestOptions})
 * @param jobId the numeric id of the job that ran it
 * @param runId its numeric run id, unique in the database
 */
public record Invocation(
    String environment,
    String invocationId,
    String command,
    String job,
    String dbtVersion,
    Instant generatedAt,
    Double elapsedTime,
    Set<ArtifactKind> artifacts,
    long environmentId,
    long jobId,
    long runId) {
  /** Copies the set. */
  public Invocation {
    artifacts = Set.copyOf(artifacts);
  }
}
