package dev.dbtlens.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Recomputes an environment's current state (store.current_*) at the end of an ingest, inside its
 * transaction, so that the public views read it instead of scanning every stored manifest and
 * catalog on each query.
 */
public final class CurrentState {
  private CurrentState() {}

  public static void refresh(Connection conn, String environment) throws SQLException {
    Sql.update(conn, "DELETE FROM store.current_manifest WHERE environment = ?", environment);
    Sql.update(conn, """
        INSERT INTO store.current_manifest
        SELECT environment, invocation_id, snapshot_id, generated_at FROM store.artifact
        WHERE environment = ? AND kind = 'manifest'
        QUALIFY row_number() OVER (ORDER BY generated_at DESC, ingested_at DESC, invocation_id DESC) = 1""",
        environment);
    Sql.update(conn, "DELETE FROM store.current_node WHERE environment = ?", environment);
    // a definition's compiled code is the manifest's own, else the last one seen for that definition
    Sql.update(conn, """
        INSERT INTO store.current_node
        WITH seen AS (
          SELECT snapshot_id, max(generated_at) AS generated_at FROM store.artifact
          WHERE environment = ? AND kind = 'manifest' GROUP BY snapshot_id),
        last_compiled AS (
          SELECT m.def_hash, arg_max(m.compiled_hash, s.generated_at) AS compiled_hash
          FROM seen s JOIN store.snapshot_member m ON m.snapshot_id = s.snapshot_id
          WHERE m.compiled_hash IS NOT NULL GROUP BY m.def_hash)
        SELECT cm.environment, m.unique_id, m.def_hash, coalesce(m.compiled_hash, lc.compiled_hash)
        FROM store.current_manifest cm
        JOIN store.snapshot_member m ON m.snapshot_id = cm.snapshot_id
        LEFT JOIN last_compiled lc ON lc.def_hash = m.def_hash
        WHERE cm.environment = ?""", environment, environment);
    Sql.update(conn, "DELETE FROM store.current_catalog WHERE environment = ?", environment);
    Sql.update(conn, """
        INSERT INTO store.current_catalog
        WITH seen AS (
          SELECT snapshot_id, max(generated_at) AS generated_at FROM store.artifact
          WHERE environment = ? AND kind = 'catalog' GROUP BY snapshot_id)
        SELECT ?, m.unique_id, arg_max(m.def_hash, s.generated_at), max(s.generated_at)
        FROM seen s JOIN store.snapshot_member m ON m.snapshot_id = s.snapshot_id
        GROUP BY m.unique_id""", environment, environment);
  }
}
