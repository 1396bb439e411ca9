package dev.dbtlens.internal.prune;

import dev.dbtlens.DbtLensException;
import dev.dbtlens.PruneOptions;
import dev.dbtlens.PruneReport;
import dev.dbtlens.StorageException;
import dev.dbtlens.internal.store.CurrentState;
import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.internal.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Removes the invocations {@link PruneOptions} does not keep, in one transaction, then what no
 * remaining invocation references: manifest and catalog snapshots, node definitions, compiled code,
 * catalog entries. Rows are found by shape rather than by a fixed list of tables, so that tables
 * other capabilities add (schema v3 parts) are pruned too: every {@code store} table with both an
 * {@code environment} and an {@code invocation_id} column loses the removed invocations' rows, and
 * every table with a {@code def_hash} (or {@code entry_hash}) column loses the rows of definitions
 * (catalog entries) removed. The environment's current state is then recomputed.
 */
public final class Pruner {
  private final Store store;

  /** @param store the database, open for writing */
  public Pruner(Store store) {
    this.store = store;
  }

  /**
   * Removes (or, for a dry run, counts) what the options do not keep; compaction is the caller's.
   *
   * @param options what to keep
   * @return what was removed; sizes are filled in by the caller
   */
  public PruneReport prune(PruneOptions options) {
    if (store.readOnly()) {
      throw new DbtLensException("cannot prune: " + store.description() + " is open read-only");
    }
    Connection conn = store.connection();
    try {
      conn.setAutoCommit(false);
      try {
        if (options.environment() != null && !Sql.exists(conn,
            "SELECT 1 FROM store.artifact WHERE environment = ?", options.environment())) {
          throw new IllegalArgumentException("no environment '" + options.environment() + "' in "
              + store.description());
        }
        List<PruneReport.Removed> removed = selectTargets(conn, options);
        Map<String, Long> rows = new TreeMap<>();
        long definitions = 0;
        if (!removed.isEmpty()) {
          removeInvocations(conn, rows);
          Set<String> environments = new LinkedHashSet<>();
          removed.forEach(r -> environments.add(r.environment()));
          for (String env : environments) {
            CurrentState.refresh(conn, env);
          }
          removeUnreferenced(conn, rows);
          definitions = rows.getOrDefault("store.node_def", 0L);
        }
        Sql.update(conn, "DROP TABLE IF EXISTS temp.prune_target");
        if (options.dryRun()) {
          conn.rollback();
        } else {
          conn.commit();
          store.changed();
        }
        return new PruneReport(options.dryRun(), removed, rows, definitions, 0, 0);
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageException("pruning " + store.description(), e);
    }
  }

  /** Fills temp.prune_target with the invocations to remove and returns them, oldest first. */
  private static List<PruneReport.Removed> selectTargets(Connection conn, PruneOptions options)
      throws SQLException {
    boolean byRuns = options.keepRuns() != null;
    LocalDateTime cutoff = byRuns ? null : LocalDateTime.ofInstant(
        options.now().minus(java.time.Duration.ofDays(options.keepDays())), ZoneOffset.UTC);
    Sql.update(conn, """
        CREATE OR REPLACE TEMP TABLE prune_target AS
        WITH inv AS (
          SELECT environment, invocation_id, max(generated_at) AS generated_at,
                 coalesce(max(command) FILTER (WHERE kind = 'run_results'),
                          max(command) FILTER (WHERE kind = 'sources'), max(command)) AS command
          FROM store.artifact WHERE ?::VARCHAR IS NULL OR environment = ?::VARCHAR
          GROUP BY environment, invocation_id),
        ranked AS (
          SELECT *, row_number() OVER (PARTITION BY environment
                                       ORDER BY generated_at DESC NULLS LAST, invocation_id DESC) AS rank
          FROM inv),
        -- what the current state draws on: the current manifest, the catalogs current entries come
        -- from, and the latest earlier manifest giving compiled code the current manifest lacks
        feeding AS (
          SELECT environment, invocation_id FROM store.current_manifest
          UNION
          SELECT a.environment, a.invocation_id FROM store.artifact a
          JOIN (SELECT DISTINCT environment, catalog_generated_at FROM store.current_catalog) cc
            ON cc.environment = a.environment AND a.kind = 'catalog'
           AND a.generated_at = cc.catalog_generated_at
          UNION
          SELECT environment, arg_max(invocation_id, generated_at) FROM (
            SELECT a.environment, a.invocation_id, a.generated_at, cn.unique_id
            FROM store.current_node cn
            JOIN store.current_manifest cm ON cm.environment = cn.environment
            JOIN store.snapshot_member own ON own.snapshot_id = cm.snapshot_id AND own.unique_id = cn.unique_id
            JOIN store.artifact a ON a.environment = cn.environment AND a.kind = 'manifest'
            JOIN store.snapshot_member m ON m.snapshot_id = a.snapshot_id AND m.def_hash = cn.def_hash
                                        AND m.compiled_hash = cn.compiled_hash
            WHERE own.compiled_hash IS NULL AND cn.compiled_hash IS NOT NULL)
          GROUP BY environment, unique_id)
        SELECT environment, invocation_id, generated_at, command FROM ranked r
        WHERE NOT EXISTS (SELECT 1 FROM feeding f
                          WHERE f.environment = r.environment AND f.invocation_id = r.invocation_id)
          AND CASE WHEN ?::BOOLEAN THEN rank > ?::BIGINT ELSE generated_at < ?::TIMESTAMP END""",
        options.environment(), options.environment(), byRuns,
        byRuns ? options.keepRuns() : 0, cutoff == null ? null : Timestamp.valueOf(cutoff));
    List<PruneReport.Removed> out = new ArrayList<>();
    try (PreparedStatement s = conn.prepareStatement("SELECT environment, invocation_id, command,"
        + " generated_at FROM temp.prune_target ORDER BY environment, generated_at, invocation_id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        Timestamp t = r.getTimestamp(4);
        out.add(new PruneReport.Removed(r.getString(1), r.getString(2), r.getString(3),
            t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC)));
      }
    }
    return out;
  }

  /** Every store table keyed by (environment, invocation_id), except staging and current state. */
  private static void removeInvocations(Connection conn, Map<String, Long> rows) throws SQLException {
    for (String table : tablesWith(conn, "environment", "invocation_id")) {
      count(rows, table, Sql.update(conn, "DELETE FROM store." + table + " t WHERE EXISTS (SELECT 1"
          + " FROM temp.prune_target p WHERE p.environment = t.environment"
          + " AND p.invocation_id = t.invocation_id)"));
    }
  }

  private static void removeUnreferenced(Connection conn, Map<String, Long> rows) throws SQLException {
    // snapshots no artifact points to
    for (String table : List.of("snapshot_member", "snapshot_edge", "snapshot")) {
      count(rows, table, Sql.update(conn, "DELETE FROM store." + table + " s WHERE NOT EXISTS"
          + " (SELECT 1 FROM store.artifact a WHERE a.snapshot_id = s.snapshot_id)"));
    }
    // definitions no snapshot holds, then whatever hangs off a definition
    count(rows, "node_def", Sql.update(conn, "DELETE FROM store.node_def d WHERE NOT EXISTS"
        + " (SELECT 1 FROM store.snapshot_member m WHERE m.def_hash = d.def_hash) AND NOT EXISTS"
        + " (SELECT 1 FROM store.current_node c WHERE c.def_hash = d.def_hash)"));
    for (String table : tablesWith(conn, "def_hash")) {
      if (!Set.of("node_def", "snapshot_member").contains(table)) {
        count(rows, table, Sql.update(conn, "DELETE FROM store." + table + " t WHERE NOT EXISTS"
            + " (SELECT 1 FROM store.node_def d WHERE d.def_hash = t.def_hash)"));
      }
    }
    count(rows, "compiled", Sql.update(conn, "DELETE FROM store.compiled c WHERE NOT EXISTS"
        + " (SELECT 1 FROM store.snapshot_member m WHERE m.compiled_hash = c.compiled_hash) AND NOT EXISTS"
        + " (SELECT 1 FROM store.current_node n WHERE n.compiled_hash = c.compiled_hash)"));
    // catalog entries: a catalog snapshot's members carry the entry hash in def_hash
    count(rows, "catalog_entry", Sql.update(conn, "DELETE FROM store.catalog_entry e WHERE NOT EXISTS"
        + " (SELECT 1 FROM store.snapshot_member m WHERE m.def_hash = e.entry_hash) AND NOT EXISTS"
        + " (SELECT 1 FROM store.current_catalog c WHERE c.entry_hash = e.entry_hash)"));
    for (String table : tablesWith(conn, "entry_hash")) {
      if (!table.equals("catalog_entry")) {
        count(rows, table, Sql.update(conn, "DELETE FROM store." + table + " t WHERE NOT EXISTS"
            + " (SELECT 1 FROM store.catalog_entry e WHERE e.entry_hash = t.entry_hash)"));
      }
    }
  }

  /** Base tables of schema store having all the columns, without staging and current-state tables. */
  private static List<String> tablesWith(Connection conn, String... columns) throws SQLException {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < columns.length; i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    Object[] params = new Object[columns.length + 1];
    System.arraycopy(columns, 0, params, 0, columns.length);
    params[columns.length] = columns.length;
    return Sql.strings(conn, "SELECT c.table_name FROM duckdb_columns() c"
        + " JOIN duckdb_tables() t ON t.database_name = c.database_name"
        + " AND t.schema_name = c.schema_name AND t.table_name = c.table_name"
        + " WHERE c.database_name = current_database() AND c.schema_name = 'store'"
        + " AND c.column_name IN (" + in + ")"
        + " AND c.table_name NOT LIKE 'stage\\_%' ESCAPE '\\' AND c.table_name NOT LIKE 'current\\_%' ESCAPE '\\'"
        + " GROUP BY c.table_name HAVING count(*) = ? ORDER BY c.table_name", params);
  }

  private static void count(Map<String, Long> rows, String table, long n) {
    if (n > 0) {
      rows.merge("store." + table, n, Long::sum);
    }
  }
}
