package dev.dbtlens.internal.store;

import dev.dbtlens.DatabaseLockedException;
import dev.dbtlens.DbtLensException;
import dev.dbtlens.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * The DuckDB database: opening it with a storage version old DuckDB clients can read, creating and
 * migrating the schema, and handing out connections.
 */
public final class Store implements AutoCloseable {
  /** Version of the SQL schema this build writes and reads. */
  public static final int SCHEMA_VERSION = 5;

  /**
   * The scripts that take a version-2 database to version 3, run in this order in one transaction.
   * Each capability that adds tables owns one script ({@code v3-<capability>.sql}) that creates
   * them under the {@code store} schema.
   */
  static final List<String> V3_PARTS = List.of("v3-gql.sql", "v3-live.sql", "v3-alerts.sql", "v3-recs.sql",
      "v3-columns.sql");

  /**
   * The view scripts run (as {@code CREATE OR REPLACE}) on every writable open, in this order:
   * the core views first, then one script per capability ({@code views-<capability>.sql}).
   */
  static final List<String> VIEW_SCRIPTS = List.of("views.sql", "views-live.sql", "views-alerts.sql",
      "views-recs.sql", "views-mesh.sql", "views-columns.sql",
      "views-perf.sql");

  /** The storage format new database files are written in: readable by DuckDB 1.2 and later. */
  public static final String STORAGE_VERSION = "v1.2.0";

  /**
   * System property giving DuckDB's {@code memory_limit} (e.g. {@code 1GB}); {@link
   * #DEFAULT_MEMORY_LIMIT} when unset, DuckDB's own default (80% of RAM) when empty.
   */
  public static final String MEMORY_LIMIT_PROPERTY = "dbtlens.duckdb.memory_limit";

  /** System property giving DuckDB's {@code threads}; DuckDB's default (one per core) when unset. */
  public static final String THREADS_PROPERTY = "dbtlens.duckdb.threads";

  /**
   * DuckDB's buffer pool limit unless configured: without it DuckDB may hold up to 80% of RAM while
   * a large manifest is ingested, though ingest streams; data beyond it spills to DuckDB's temp
   * directory (beside the database file, or {@code .tmp} for an in-memory database).
   */
  public static final String DEFAULT_MEMORY_LIMIT = "512MB";

  // replaced only by compact(), which swaps in a compacted copy of the file and reconnects
  private volatile DuckDBConnection connection;
  private final boolean readOnly;
  private final String description;
  private final Path file;
  private final java.util.concurrent.atomic.AtomicLong revision = new java.util.concurrent.atomic.AtomicLong();

  private Store(DuckDBConnection connection, boolean readOnly, String description, Path file) {
    this.file = file;
    this.connection = connection;
    this.readOnly = readOnly;
    this.description = description;
  }

  /**
   * Opens (creating if absent) a database file, or an in-memory database when {@code file} is null.
   *
   * @param file the database file, or null for in-memory
   * @param readOnly open without the write lock, for analysis while another process may read too
   * @return the open store, schema created or migrated
   */
  public static Store open(Path file, boolean readOnly) {
    String where = file == null ? "in-memory database" : "database " + file;
    if (file != null) {
      DatabaseFile.check(file, readOnly);
    }
    DuckDBConnection conn = connect(file, readOnly, where);
    Store store = new Store(conn, readOnly, where, file);
    try {
      store.prepareSchema();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private static DuckDBConnection connect(Path file, boolean readOnly, String where) {
    Properties props = new Properties();
    props.setProperty("storage_compatibility_version", STORAGE_VERSION);
    String memoryLimit = System.getProperty(MEMORY_LIMIT_PROPERTY, DEFAULT_MEMORY_LIMIT).strip();
    if (!memoryLimit.isEmpty()) {
      props.setProperty("memory_limit", memoryLimit);
    }
    String threads = System.getProperty(THREADS_PROPERTY, "").strip();
    if (!threads.isEmpty()) {
      props.setProperty("threads", threads);
    }
    if (readOnly) {
      props.setProperty("duckdb.read_only", "true");
    }
    String url = file == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + file.toAbsolutePath();
    try {
      return (DuckDBConnection) DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      throw openFailure(where, e);
    }
  }

  private static DbtLensException openFailure(String where, SQLException e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("lock")) {
      return new DatabaseLockedException("Cannot open " + where, lockHolder(msg), e);
    }
    return new StorageException("Cannot open " + where, e);
  }

  /** DuckDB says {@code Conflicting lock is held in /usr/bin/java (PID 4242) by user ana}. */
  private static final java.util.regex.Pattern HOLDER =
      java.util.regex.Pattern.compile("held in (.+?) \\(PID (\\d+)\\)( by user (\\S+?))?[.]?(\\s|$)");

  static String lockHolder(String message) {
    java.util.regex.Matcher m = HOLDER.matcher(message);
    if (!m.find()) {
      return null;
    }
    return "PID " + m.group(2) + ", " + m.group(1) + (m.group(4) == null ? "" : ", user " + m.group(4));
  }

  private void prepareSchema() {
    Integer found = schemaVersion();
    if (found != null && found > SCHEMA_VERSION) {
      throw new DbtLensException(description + " was written by a newer dbtlens (schema version "
          + found + "); this dbtlens reads schema version " + SCHEMA_VERSION + " and older");
    }
    if (readOnly) {
      if (found == null) {
        throw new DbtLensException(description + " is not a dbtlens database (no store.meta table)");
      }
      if (found < SCHEMA_VERSION) {
        throw new DbtLensException(description + " was written by an older dbtlens (schema version "
            + found + "); open it once for writing (dbtlens ingest, or DbtLens.open) to migrate it"
            + " to schema version " + SCHEMA_VERSION);
      }
      return;
    }
    if (found == null) {
      runScript("schema-v1.sql");
      execute("INSERT INTO store.meta VALUES ('schema_version', '1'),"
          + " ('storage_version', '" + STORAGE_VERSION + "'), ('created_by', 'dbtlens')");
      found = 1;
    }
    if (found == 1) {
      migrate("migrate-v1-v2.sql", () -> {
        Ids.assignMissing(connection, Ids.Requested.NONE);
        CurrentState.refreshAll(connection);
      });
      found = 2;
    }
    if (found == 2) {
      migrate("migrate-v2-v3.sql", () -> {
        for (String part : V3_PARTS) {
          runScript(part);
        }
        CurrentState.refreshGraphQLAll(connection);
      });
      found = 3;
    }
    if (found == 3) {
      migrate("migrate-v3-v4.sql", () -> { });
      found = 4;
    }
    if (found == 4) {
      migrate("migrate-v4-v5.sql", () -> { });
    }
    VIEW_SCRIPTS.forEach(this::runScript);
  }

  /** @return the schema version recorded in the database, or null for a database without one */
  public Integer schemaVersion() {
    try (Statement s = connection.createStatement();
        ResultSet tables = s.executeQuery("SELECT count(*) FROM duckdb_tables()"
            + " WHERE schema_name = 'store' AND table_name = 'meta'")) {
      tables.next();
      if (tables.getLong(1) == 0) {
        return null;
      }
    } catch (SQLException e) {
      throw new StorageException("reading store.meta", e);
    }
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT value FROM store.meta WHERE key = 'schema_version'")) {
      return r.next() ? Integer.valueOf(r.getString(1)) : null;
    } catch (SQLException e) {
      throw new StorageException("reading store.meta", e);
    }
  }

  /** Runs a migration script and the Java step that completes it, in one transaction. */
  private void migrate(String resource, SqlStep then) {
    try {
      connection.setAutoCommit(false);
      runScript(resource);
      then.run();
      connection.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw new StorageException("migrating " + description + " with " + resource, e);
    } catch (RuntimeException e) {
      rollbackQuietly();
      throw e;
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        throw new StorageException("migrating " + description, e);
      }
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the migration's own error is the one to report
    }
  }

  /** A step of work that may fail with SQL. */
  @FunctionalInterface
  interface SqlStep {
    void run() throws SQLException;
  }

  private void runScript(String resource) {
    String sql;
    try (InputStream in = Store.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    execute(sql);
  }

  void execute(String sql) {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new StorageException("executing " + firstLine(sql), e);
    }
  }

  private static String firstLine(String sql) {
    String trimmed = sql.strip();
    int nl = trimmed.indexOf('\n');
    return nl < 0 ? trimmed : trimmed.substring(0, nl) + " ...";
  }

  /** @return the connection that writes; used by one thread at a time */
  public DuckDBConnection connection() {
    return connection;
  }

  /** @return a new connection to the same database, for another thread or for a caller to close */
  public Connection duplicate() {
    try {
      Connection c = connection.duplicate();
      c.setAutoCommit(true); // duplicate() copies the writer's mode, manual while an ingest runs
      return c;
    } catch (SQLException e) {
      throw new StorageException("duplicating the connection to " + description, e);
    }
  }

  /**
   * Runs DuckDB with one worker thread until closed, unless {@link #THREADS_PROPERTY} is set: an
   * ingest appends in one thread anyway, and each extra DuckDB thread holds its own buffers, which
   * ran a 1.2 GB manifest out of the default 512 MB memory limit on two cores.
   *
   * @return restores the previous thread count when closed
   */
  public Restore ingestThreads() {
    if (!System.getProperty(THREADS_PROPERTY, "").isBlank()) {
      return () -> { };
    }
    try (Statement s = connection.createStatement()) {
      long previous;
      try (ResultSet r = s.executeQuery("SELECT current_setting('threads')")) {
        r.next();
        previous = r.getLong(1);
      }
      s.execute("SET threads = 1");
      return () -> {
        try (Statement restore = connection.createStatement()) {
          restore.execute("SET threads = " + previous);
        } catch (SQLException e) {
          throw new StorageException("restoring DuckDB's threads after an ingest into " + description, e);
        }
      };
    } catch (SQLException e) {
      throw new StorageException("setting DuckDB's threads for an ingest into " + description, e);
    }
  }

  /**
   * Writes what is committed into the database file itself, so that it no longer depends on the
   * write-ahead log ({@code FILE.wal}). Nothing to do for an in-memory database.
   *
   * @throws StorageException if the checkpoint failed
   */
  public void checkpoint() {
    if (file == null) {
      return;
    }
    try (Statement s = connection.createStatement()) {
      s.execute("CHECKPOINT");
    } catch (SQLException e) {
      throw new StorageException("checkpointing " + description, e);
    }
  }

  /** @return the database file, or null for an in-memory database */
  public Path file() {
    return file;
  }

  /** @return DuckDB's count of free blocks in the file (space a copy would give back) */
  public long freeBlocks() {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT free_blocks FROM pragma_database_size()"
            + " WHERE database_name = current_database()")) {
      return r.next() ? r.getLong(1) : 0;
    } catch (SQLException e) {
      throw new StorageException("reading the size of " + description, e);
    }
  }

  /**
   * Copies the whole database into a new file, written compactly (DuckDB's {@code CHECKPOINT} and
   * {@code VACUUM} leave freed blocks in the file; only a copy gives them back), in {@link
   * #STORAGE_VERSION}. The caller closes this store and moves the copy over the file.
   *
   * @param target a new file beside this one
   */
  public void copyTo(Path target) {
    String path = target.toAbsolutePath().toString().replace("'", "''");
    try (Statement s = connection.createStatement()) {
      String db;
      try (ResultSet r = s.executeQuery("SELECT current_database()")) {
        r.next();
        db = r.getString(1);
      }
      s.execute("ATTACH '" + path + "' AS dbtlens_compact (STORAGE_VERSION '" + STORAGE_VERSION + "')");
      try {
        s.execute("COPY FROM DATABASE \"" + db.replace("\"", "\"\"") + "\" TO dbtlens_compact");
      } finally {
        s.execute("DETACH dbtlens_compact");
      }
    } catch (SQLException e) {
      throw new StorageException("copying " + description + " to " + target, e);
    }
  }

  /**
   * Replaces the database file with a compact copy of itself ({@link #copyTo}) and reconnects. The
   * copy is written beside the file and moved over it atomically; if anything fails before the move,
   * the copy is deleted and the file is left as it was. Connections {@link #duplicate() duplicated}
   * before are closed with the old file: callers close what they pooled first.
   *
   * @throws DbtLensException if the copy or the move failed
   */
  public synchronized void compact() {
    if (file == null || readOnly) {
      return;
    }
    Path copy = file.resolveSibling(file.getFileName() + ".compact");
    boolean closed = false;
    try {
      Files.deleteIfExists(copy);
      copyTo(copy);
      close();
      closed = true;
      Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(copy);
      deleteQuietly(copy.resolveSibling(copy.getFileName() + ".wal"));
      throw new DbtLensException("compacting " + description + " failed; its content is intact", e);
    } finally {
      if (closed) {
        connection = connect(file, false, description);
        changed();
      }
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // a leftover copy beside the file is harmless; the next compaction replaces it
    }
  }

  /**
   * @return a number that grows whenever a change is committed through this store (ingest, live log
   *     events, derived tables, prune): readers that keep what they read compare it to know when to
   *     read again
   */
  public long revision() {
    return revision.get();
  }

  /** Records that a change was committed: every writer calls it after its commit. */
  public void changed() {
    revision.incrementAndGet();
  }

  /** Undoes a temporary setting when closed. */
  public interface Restore extends AutoCloseable {
    @Override
    void close();
  }

  /** @return true when opened read-only */
  public boolean readOnly() {
    return readOnly;
  }

  /** @return e.g. {@code database /tmp/lens.duckdb} */
  public String description() {
    return description;
  }

  @Override
  public void close() {
    try {
      if (!readOnly && !connection.isClosed()) {
        if (!connection.getAutoCommit()) {
          connection.rollback(); // never commit a half-done ingest by switching auto-commit on
        }
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
          s.execute("CHECKPOINT");
        }
      }
    } catch (SQLException e) {
      // best effort: DuckDB checkpoints on close anyway
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        // nothing more to do
      }
    }
  }
}
