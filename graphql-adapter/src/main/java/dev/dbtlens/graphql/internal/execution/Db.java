package dev.dbtlens.graphql.internal.execution;

import dev.dbtlens.StorageException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One execution's database access: a single connection, opened on first use and closed with the
 * execution (DuckDB connections are not shared between threads). Queries are constant {@link
 * NamedSql} texts; every value is bound.
 */
public final class Db implements AutoCloseable {
  /** Reads one row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(Row r) throws SQLException;
  }

  private final ConnectionSource source;
  private Connection connection;

  Db(ConnectionSource source) {
    this.source = source;
  }

  public <T> List<T> list(NamedSql sql, Map<String, ?> params, RowMapper<T> mapper) {
    Connection c = connection();
    try (PreparedStatement s = c.prepareStatement(sql.jdbc())) {
      List<Object> values = sql.values(params);
      for (int i = 0; i < values.size(); i++) {
        s.setObject(i + 1, bindable(c, values.get(i)));
      }
      List<T> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        Row row = new Row(r);
        while (r.next()) {
          out.add(mapper.map(row));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StorageException("GraphQL query failed: " + e.getMessage(), e);
    }
  }

  private static Object bindable(Connection c, Object value) throws SQLException {
    if (value instanceof Collection<?> list) {
      return c.createArrayOf("VARCHAR", list.stream().map(String::valueOf).toArray());
    }
    if (value instanceof Array || value == null || value instanceof String || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    return value.toString();
  }

  private Connection connection() {
    if (connection == null) {
      connection = source.open();
    }
    return connection;
  }

  @Override
  public void close() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // closing a read connection loses nothing
    } finally {
      connection = null;
    }
  }
}
