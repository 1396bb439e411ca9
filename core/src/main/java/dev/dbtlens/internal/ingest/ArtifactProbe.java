package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.ArtifactKind;
import dev.dbtlens.UnsupportedArtifactVersionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an artifact's {@code metadata} (usually its first key, so this is cheap) and decides what
 * the file is and whether its version is supported.
 */
final class ArtifactProbe {
  private static final Pattern SCHEMA_URL = Pattern.compile("/dbt/([a-z_-]+)/v(\\d+)\\.json$");

  /** The newest version of each artifact this build knows; newer ones are read with this mapping. */
  static final Map<ArtifactKind, Integer> LATEST = Map.of(
      ArtifactKind.MANIFEST, 12,
      ArtifactKind.RUN_RESULTS, 6,
      ArtifactKind.SOURCES, 3,
      ArtifactKind.CATALOG, 1);

  /** Top-level keys that only dbt artifacts have, with or without metadata. */
  private static final java.util.Set<String> ARTIFACT_KEYS =
      java.util.Set.of("nodes", "sources", "macros", "parent_map", "results");

  private ArtifactProbe() {}

  /**
   * @return the artifact kind a file name ({@code .json}, or {@code .json.gz} for gzip) suggests, or
   *     null when the name says nothing
   */
  static ArtifactKind kindFromName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - ".gz".length());
    }
    if (!name.endsWith(".json")) {
      return null;
    }
    if (name.startsWith("semantic_manifest")) {
      return ArtifactKind.SEMANTIC_MANIFEST;
    }
    if (name.startsWith("manifest")) {
      return ArtifactKind.MANIFEST;
    }
    if (name.startsWith("run_results") || name.startsWith("run-results")) {
      return ArtifactKind.RUN_RESULTS;
    }
    if (name.startsWith("sources")) {
      return ArtifactKind.SOURCES;
    }
    if (name.startsWith("catalog")) {
      return ArtifactKind.CATALOG;
    }
    return null;
  }

  static ArtifactHeader probe(Path file, ArtifactFile source) {
    ArtifactKind byName = kindFromName(file);
    Reading reading = new Reading(file, null);
    JsonNode metadata = null;
    boolean semanticKeys = false;
    boolean artifactKeys = false;
    try (JsonParser p = source.openParser(null)) {
      Parsing.expectRootObject(p, reading);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("metadata")) {
          metadata = p.readValueAsTree();
          break;
        }
        semanticKeys |= field.equals("semantic_models") || field.equals("project_configuration");
        artifactKeys |= ARTIFACT_KEYS.contains(field);
        p.skipChildren();
      }
    } catch (IOException e) {
      throw Parsing.translate(e, reading, null);
    }
    if (byName == ArtifactKind.SEMANTIC_MANIFEST || (metadata == null && byName == null && semanticKeys)) {
      return new ArtifactHeader(ArtifactKind.SEMANTIC_MANIFEST, "unversioned", 0, null, null);
    }
    if (metadata == null && !artifactKeys) {
      throw reading.error("$", "not a dbt artifact: no metadata and none of "
          + String.join(", ", ARTIFACT_KEYS.stream().sorted().toList()));
    }
    return fromMetadata(file, byName, metadata);
  }

  private static ArtifactHeader fromMetadata(Path file, ArtifactKind byName, JsonNode metadata) {
    String url = metadata == null ? null : Json.scalar(metadata.get("dbt_schema_version"));
    if (url == null) {
      throw new UnsupportedArtifactVersionException(file, null,
          "no metadata.dbt_schema_version: a pre-v1 artifact written by dbt 0.18 or older."
              + " dbtlens reads artifacts written by dbt 0.19 and later (manifest v1+, run_results v1+,"
              + " sources v1+, catalog v1)");
    }
    Matcher m = SCHEMA_URL.matcher(url);
    ArtifactKind kind = m.find() ? kindFromSchemaName(m.group(1)) : null;
    if (kind == null) {
      throw new UnsupportedArtifactVersionException(file, url,
          "metadata.dbt_schema_version is not a dbt artifact schema this version of dbtlens knows"
              + " (expected .../dbt/<manifest|run-results|sources|catalog>/vN.json)");
    }
    int version = Integer.parseInt(m.group(2));
    String schemaVersion = kind.schemaName() + "/v" + version;
    String warning = null;
    if (version > LATEST.get(kind)) {
      warning = file + ": " + schemaVersion + " is newer than this dbtlens knows; read with the "
          + kind.schemaName() + "/v" + LATEST.get(kind) + " mapping (unknown fields are ignored)";
    }
    if (byName != null && byName != kind) {
      String note = file + ": named like a " + byName.sqlName() + " file but declares " + schemaVersion
          + "; read as " + kind.sqlName();
      warning = warning == null ? note : warning + "; " + note;
    }
    return new ArtifactHeader(kind, schemaVersion, version, metadata, warning);
  }

  private static ArtifactKind kindFromSchemaName(String name) {
    for (ArtifactKind k : ArtifactKind.values()) {
      if (k.schemaName().equals(name) || k.sqlName().equals(name)) {
        return k;
      }
    }
    return null;
  }
}
