package dev.dbtlens;

import java.nio.file.Path;

/**
 * The path given as a database is neither a DuckDB file nor new (absent or empty): for example a
 * JSON or CSV file, or a folder. Checked before DuckDB opens it, so the file is left untouched.
 *
 * @since 0.2 (before, DuckDB opened such a file as an empty in-memory database and kept nothing)
 */
public class NotADatabaseException extends DbtLensException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  /**
   * @param file the path given
   * @param problem what it is instead of a database
   */
  public NotADatabaseException(Path file, String problem) {
    super("Cannot open " + file + ": " + problem);
    this.file = file;
  }

  /** @return the path given as a database */
  public Path file() {
    return file;
  }
}
