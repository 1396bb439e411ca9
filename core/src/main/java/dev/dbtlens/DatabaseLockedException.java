package dev.dbtlens;

import java.sql.SQLException;

/**
 * Another process holds the database file's lock: DuckDB lets one process write a file, or any
 * number read it, at a time. The message names the other process when DuckDB says which it is.
 *
 * @since 0.2
 */
public class DatabaseLockedException extends StorageException {
  private static final long serialVersionUID = 1L;
  private final String holder;

  /**
   * @param what what dbtlens was doing, e.g. {@code Cannot open database lens.duckdb}
   * @param holder the process holding the lock as DuckDB describes it (e.g. {@code PID 4242
   *     (/usr/bin/java)}), or null when unknown
   * @param cause the driver's exception
   */
  public DatabaseLockedException(String what, String holder, SQLException cause) {
    super(what + ": " + (holder == null ? "another process" : "another process (" + holder + ")")
        + " has it open (DuckDB allows one read-write process, or any number of read-only ones, at a time)",
        cause, true);
    this.holder = holder;
  }

  /** @return the process holding the lock, e.g. {@code PID 4242 (/usr/bin/java)}, or null when unknown */
  public String holder() {
    return holder;
  }
}
