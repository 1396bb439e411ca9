package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import dev.dbtlens.internal.dbt.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.ArtifactKind;
import java.time.LocalDateTime;

/**
 * An artifact's {@code metadata}: what it is, which version, which invocation.
 *
 * @param kind the artifact
 * @param schemaVersion e.g. {@code manifest/v12}; {@code unversioned} for semantic_manifest
 * @param version the number after {@code v}, or 0 for unversioned
 * @param metadata the whole metadata object (null for semantic_manifest)
 * @param warning a warning to report (an unknown newer version), or null
 */
record ArtifactHeader(
    ArtifactKind kind, String schemaVersion, int version, JsonNode metadata, String warning) {

  String dbtVersion() {
    return field("dbt_version");
  }

  String invocationId() {
    return field("invocation_id");
  }

  LocalDateTime generatedAt() {
    return Timestamps.utc(field("generated_at"));
  }

  LocalDateTime invocationStartedAt() {
    return Timestamps.utc(field("invocation_started_at"));
  }

  String projectName() {
    return field("project_name");
  }

  String projectId() {
    return field("project_id");
  }

  String adapterType() {
    return field("adapter_type");
  }

  private String field(String name) {
    return metadata == null ? null : Json.scalar(metadata.get(name));
  }
}
