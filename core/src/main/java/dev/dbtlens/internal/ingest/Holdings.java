package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.store.Sql;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * What an environment holds across all its manifests and catalogs: distinct node and macro
 * definitions, and distinct catalog entries. Definitions and entries are stored once for the whole
 * database, so what an ingest adds to an environment is the difference of two of these, not the
 * rows it wrote (a definition another environment already has is written by none).
 *
 * @param definitions distinct definitions in the environment's manifests
 * @param catalogEntries distinct entries in its catalogs
 */
record Holdings(long definitions, long catalogEntries) {
  private static final String DISTINCT = "SELECT count(DISTINCT def_hash) FROM store.snapshot_member"
      + " WHERE snapshot_id IN (SELECT snapshot_id FROM store.artifact WHERE environment = ? AND kind = ?)";

  static Holdings of(DuckDBConnection conn, String environment) throws SQLException {
    return new Holdings(Sql.count(conn, DISTINCT, environment, "manifest"),
        Sql.count(conn, DISTINCT, environment, "catalog"));
  }
}
