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

  private static final System.Logger LOG = System.getLogger("dev.dbtlens");

  /**
   * @return false when the view is missing (a database written by an earlier build of this schema
   *     version, opened read-only, so its views were not re-created): primary keys are then unknown
   */
  static boolean load(Connection c, String environment, Set<ColumnRef> out) throws SQLException {
    try (java.sql.Statement probe = c.createStatement();
        ResultSet r = probe.executeQuery("SELECT count(*) FROM duckdb_views()"
            + " WHERE view_name = 'column_primary_keys' AND NOT internal")) {
      if (r.next() && r.getLong(1) == 0) {
        LOG.log(System.Logger.Level.WARNING, "the view column_primary_keys is missing: open the database once"
            + " for writing to create it; primary keys are unknown until then");
        return false;
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "SELECT DISTINCT unique_id, column_name FROM column_primary_keys WHERE environment = ?")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new ColumnRef(r.getString(1), r.getString(2)));
        }
      }
    }
    return true;
  }
}
