package dev.dbtlens;

import java.nio.file.Path;

/**
 * Bad input: an artifact file that is not valid JSON, lacks a required key, or holds a value of the
 * wrong JSON type where one is needed. The message names the file, the artifact kind and schema
 * version (when known) and the JSON path of the offending value.
 */
public class ArtifactFormatException extends DbtLensException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final String schemaVersion;
  private final String jsonPath;

  /**
   * @param file the artifact file
   * @param schemaVersion its {@code dbt_schema_version} (e.g. {@code manifest/v12}), or null if unknown
   * @param jsonPath the JSON path of the problem (e.g. {@code $.results[3].status}), or null
   * @param problem what was wrong
   * @param cause the parser's exception, or null
   */
  public ArtifactFormatException(
      Path file, String schemaVersion, String jsonPath, String problem, Throwable cause) {
    super(format(file, schemaVersion, jsonPath, problem), cause);
    this.file = file;
    this.schemaVersion = schemaVersion;
    this.jsonPath = jsonPath;
  }

  private static String format(Path file, String schemaVersion, String jsonPath, String problem) {
    StringBuilder b = new StringBuilder().append(file);
    if (schemaVersion != null) {
      b.append(" (").append(schemaVersion).append(')');
    }
    if (jsonPath != null) {
      b.append(" at ").append(jsonPath);
    }
    return b.append(": ").append(problem).toString();
  }

  /** @return the artifact file */
  public Path file() {
    return file;
  }

  /** @return the artifact's schema version such as {@code manifest/v12}, or null if not known */
  public String schemaVersion() {
    return schemaVersion;
  }

  /** @return the JSON path of the problem, or null if it concerns the whole file */
  public String jsonPath() {
    return jsonPath;
  }
}
