package dev.dbtlens.internal.store;

import dev.dbtlens.StorageException;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends rows to one table through DuckDB's appender, with null-safe setters. {@link #finish()}
 * flushes explicitly: constraints are checked only at flush, and {@code close()} alone would swallow
 * a flush error. (The appender also flushes by itself every 2048 rows, so the count the final
 * {@code flush()} returns covers only the rows since then; it is checked to be consistent.)
 */
public final class TableWriter implements RowSink, AutoCloseable {
  private final String table;
  private final DuckDBAppender appender;
  private static final long AUTO_FLUSH_ROWS = 2048;
  private long rows;

  public TableWriter(DuckDBConnection connection, String table) {
    this.table = "store." + table;
    try {
      this.appender = connection.createAppender("store", table);
    } catch (SQLException e) {
      throw new StorageException("opening an appender on " + this.table, e);
    }
  }

  @Override
  public TableWriter begin() {
    try {
      appender.beginRow();
    } catch (SQLException e) {
      throw failure(e);
    }
    return this;
  }

  @Override
  public TableWriter end() {
    try {
      appender.endRow();
      rows++;
    } catch (SQLException e) {
      throw failure(e);
    }
    return this;
  }

  /** An appender call that may fail. */
  @FunctionalInterface
  private interface Append {
    void run() throws SQLException;
  }

  private TableWriter put(Object v, Append append) {
    try {
      if (v == null) {
        appender.appendNull();
      } else {
        append.run();
      }
    } catch (SQLException e) {
      throw failure(e);
    }
    return this;
  }

  @Override
  public TableWriter str(String v) {
    return put(v, () -> appender.append(v));
  }

  /** Appends UTF-8 text (e.g. JSON already serialised) to a VARCHAR or JSON column without decoding it. */
  @Override
  public TableWriter utf8(byte[] v) {
    return put(v, () -> appender.append(v));
  }

  @Override
  public TableWriter num(Double v) {
    return put(v, () -> appender.append(v.doubleValue()));
  }

  @Override
  public TableWriter lng(Long v) {
    return put(v, () -> appender.append(v.longValue()));
  }

  @Override
  public TableWriter integer(Integer v) {
    return put(v, () -> appender.append(v.intValue()));
  }

  @Override
  public TableWriter bool(Boolean v) {
    return put(v, () -> appender.append(v.booleanValue()));
  }

  @Override
  public TableWriter ts(LocalDateTime v) {
    return put(v, () -> appender.append(v));
  }

  @Override
  public TableWriter list(List<String> v) {
    return put(v, () -> appender.append(v));
  }

  /** Flushes and verifies every appended row landed. @return rows appended */
  public long finish() {
    long flushed;
    try {
      flushed = appender.flush();
    } catch (SQLException e) {
      throw failure(e);
    }
    if (flushed > rows || (rows - flushed) % AUTO_FLUSH_ROWS != 0) {
      throw new StorageException("appending to " + table,
          new SQLException("the final flush wrote " + flushed + " rows of " + rows + " appended"));
    }
    return rows;
  }

  long rows() {
    return rows;
  }

  private StorageException failure(SQLException e) {
    return new StorageException("appending to " + table, e);
  }

  @Override
  public void close() {
    try {
      appender.close();
    } catch (SQLException e) {
      throw failure(e);
    }
  }
}
