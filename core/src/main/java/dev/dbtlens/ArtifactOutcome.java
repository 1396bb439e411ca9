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
 * @param added false when this exact file was already in the environment and nothing was written
 * @param rows rows the file added: definitions, results, freshness results or catalog entries
 * @param warning a non-fatal remark (an unknown newer version, a skipped duplicate), or null
 */
public record ArtifactOutcome(
    Path file,
    ArtifactKind kind,
    String schemaVersion,
    String dbtVersion,
    String invocationId,
    boolean added,
    long rows,
    String warning) {}
