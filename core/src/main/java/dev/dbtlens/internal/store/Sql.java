package dev.dbtlens.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers: statements with bind parameters, never with values spliced into SQL. */
public final class Sql {
  private Sql() {}

  /** Work done in a transaction. */
  @FunctionalInterface
  public interface Task<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code task} in one transaction on {@code c}: commits it, or rolls it back and rethrows.
   * Inside a transaction already open on {@code c} (auto-commit off) it joins that one, which its
   * owner commits or rolls back.
   *
   * @return what the task returned
   */
  public static <T> T inTransaction(Connection c, Task<T> task) throws SQLException {
    if (!c.getAutoCommit()) {
      return task.run();
    }
    c.setAutoCommit(false);
    try {
      T result = task.run();
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  public static long update(Connection c, String sql, Object... params) throws SQLException {
    if (params.length == 0) {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
        return Math.max(0, s.getUpdateCount());
      }
    }
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, params);
      return s.executeUpdate();
    }
  }

  public static boolean exists(Connection c, String sql, Object... params) throws SQLException {
    return query(c, sql, params, ResultSet::next);
  }

  public static long count(Connection c, String sql, Object... params) throws SQLException {
    return query(c, sql, params, r -> r.next() ? r.getLong(1) : 0L);
  }

  /** @return the first column of the first row, or null when there is no row */
  public static String first(Connection c, String sql, Object... params) throws SQLException {
    return query(c, sql, params, r -> r.next() ? r.getString(1) : null);
  }

  /** @return the first column of the first row as a number, or null for no row or a SQL NULL */
  public static Long firstLong(Connection c, String sql, Object... params) throws SQLException {
    return query(c, sql, params, r -> {
      if (!r.next()) {
        return null;
      }
      long v = r.getLong(1);
      return r.wasNull() ? null : v;
    });
  }

  /** @return the first column of every row */
  public static List<String> strings(Connection c, String sql, Object... params)
      throws SQLException {
    return query(c, sql, params, r -> {
      List<String> out = new ArrayList<>();
      while (r.next()) {
        out.add(r.getString(1));
      }
      return out;
    });
  }

  /**
   * @param a a SQL {@code VARCHAR[]} value, or null
   * @return its non-null elements as text; empty for null
   */
  public static List<String> strings(java.sql.Array a) throws SQLException {
    if (a == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object o : (Object[]) a.getArray()) {
      if (o != null) {
        out.add(o.toString());
      }
    }
    return out;
  }

  private static <T> T query(Connection c, String sql, Object[] params, Rows<T> read)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, params);
      try (ResultSet r = s.executeQuery()) {
        return read.read(r);
      }
    }
  }

  /** Reads a result set. */
  @FunctionalInterface
  private interface Rows<T> {
    T read(ResultSet r) throws SQLException;
  }

  public static void bind(PreparedStatement s, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      s.setObject(i + 1, params[i]);
    }
  }
}
