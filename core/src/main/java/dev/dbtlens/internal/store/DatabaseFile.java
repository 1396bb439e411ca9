package dev.dbtlens.internal.store;

import dev.dbtlens.NotADatabaseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Checks a path before DuckDB opens it. DuckDB opens some files that are not databases (a JSON or
 * CSV file) as an empty in-memory database, so an ingest "succeeds" and keeps nothing.
 */
final class DatabaseFile {
  /** DuckDB's main header starts with an 8-byte checksum, then the magic bytes {@code DUCK}. */
  private static final int MAGIC_OFFSET = 8;
  private static final byte[] MAGIC = "DUCK".getBytes(StandardCharsets.US_ASCII);

  private DatabaseFile() {}

  /**
   * @param file the database path
   * @param readOnly whether it is opened read-only: then an empty file is no database
   * @throws NotADatabaseException unless the path is absent, empty or a DuckDB database file
   */
  static void check(Path file, boolean readOnly) {
    if (Files.isDirectory(file)) {
      throw new NotADatabaseException(file, "a folder, not a DuckDB database");
    }
    if (!Files.exists(file)) {
      return;
    }
    byte[] head = new byte[MAGIC_OFFSET + MAGIC.length];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new NotADatabaseException(file, "cannot read it: " + e.getMessage());
    }
    if (n == 0) {
      newDatabaseInEmptyFile(file, readOnly);
      return;
    }
    if (n < head.length || !Arrays.equals(head, MAGIC_OFFSET, head.length, MAGIC, 0, MAGIC.length)) {
      throw new NotADatabaseException(file, "not a DuckDB database (a DuckDB file carries \"DUCK\" at"
          + " byte 8); give a new file name or an existing dbtlens database");
    }
  }

  /** DuckDB refuses an empty file ("not a valid DuckDB database file"); it creates a new one in its place. */
  private static void newDatabaseInEmptyFile(Path file, boolean readOnly) {
    if (readOnly) {
      throw new NotADatabaseException(file, "an empty file, not a database yet");
    }
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new NotADatabaseException(file, "an empty file that cannot be replaced by a new database: " + e);
    }
  }
}
