package dev.dbtlens;

import java.nio.file.Path;

/**
 * An artifact whose schema version dbtlens refuses: files written before dbt 0.19 carry no {@code
 * metadata.dbt_schema_version} and have a different shape. (Unknown <em>newer</em> versions are
 * accepted with a warning, not refused.)
 */
public class UnsupportedArtifactVersionException extends ArtifactFormatException {
  private static final long serialVersionUID = 1L;

  /**
   * @param file the artifact file
   * @param schemaVersion what the file declared, or null if it declared nothing
   * @param problem why it is refused
   */
  public UnsupportedArtifactVersionException(Path file, String schemaVersion, String problem) {
    super(file, schemaVersion, null, problem, null);
  }
}
