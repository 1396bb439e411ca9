package dev.dbtlens;

import java.nio.file.Path;

/**
 * What one artifact file contributed to an ingest.
 *
 * @param file the file read
 * @param kind what artifact it is
 * @param schemaVersion its declared version, e.g. {@code manifest/v12} ({@code semantic_manifest}
 *     has none and reads {@code unversioned})
 * @param dbtVersion the dbt version that wrote it, or null
 * @param invocationId the dbt invocation it belongs to
 * @param status whether it was added, already there, or in conflict with what the environment holds
 * @param rows rows the file added: definitions, results, freshness results or catalog entries
 * @param warning a non-fatal remark (an unknown newer version, the conflict), or null
 */
public record ArtifactOutcome(
    Path file,
    ArtifactKind kind,
    String schemaVersion,
    String dbtVersion,
    String invocationId,
    Status status,
    long rows,
    String warning) {

  /** What happened to a file. */
  public enum Status {
    /** Written. */
    ADDED,
    /** This exact file (by content) was already in the environment; nothing was written. */
    ALREADY_INGESTED,
    /**
     * The environment already holds a different file of the same kind for the same invocation (two
     * projects mixed in one environment, or an artifact edited after it was ingested); nothing of
     * it was written. An ingest with conflicts fails unless {@link IngestOptions#conflictsAllowed()}.
     *
     * @since 0.2
     */
    CONFLICT
  }

  /** @return true when the file was written */
  public boolean added() {
    return status == Status.ADDED;
  }
}
