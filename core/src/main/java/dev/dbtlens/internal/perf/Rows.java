package dev.dbtlens.internal.perf;

import dev.dbtlens.StorageException;
import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.internal.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Runs one query on a connection of its own and maps its rows; SQL errors name what was read. */
final class Rows {
  private Rows() {}

  /** Maps one row. */
  @FunctionalInterface
  interface Mapper<T> {
    T map(ResultSet r) throws SQLException;
  }

  static <T> List<T> list(Store store, String what, String sql, Mapper<T> mapper, Object... params) {
    try (Connection c = store.duplicate(); PreparedStatement s = c.prepareStatement(sql)) {
      Sql.bind(s, params);
      try (ResultSet r = s.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (r.next()) {
          out.add(mapper.map(r));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new StorageException("reading " + what + " from " + store.description(), e);
    }
  }

  static Instant instant(ResultSet r, String col) throws SQLException {
    // not getTimestamp: java.sql.Timestamp goes through the JVM's time zone
    LocalDateTime t = r.getObject(col, LocalDateTime.class);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  static LocalDate date(ResultSet r, String col) throws SQLException {
    String v = r.getString(col);
    return v == null ? null : LocalDate.parse(v);
  }

  static Double dbl(ResultSet r, String col) throws SQLException {
    double v = r.getDouble(col);
    return r.wasNull() ? null : v;
  }

  static long lng(ResultSet r, String col) throws SQLException {
    return r.getLong(col);
  }
}
