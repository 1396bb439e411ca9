package dev.dbtlens.internal.columns;

import dev.dbtlens.ColumnRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * Which columns of an environment's current manifest are (part of) their node's primary key: the
 * {@code column_primary_keys} view ({@code views-columns.sql}, docs/column-lineage.md), which holds
 * the rule so that SQL and the API agree.
 */
final class PrimaryKeys {
  private PrimaryKeys() {}

  static void load(Connection c, String environment, Set<ColumnRef> out) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT DISTINCT unique_id, column_name FROM column_primary_keys WHERE environment = ?")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new ColumnRef(r.getString(1), r.getString(2)));
        }
      }
    }
  }
}
