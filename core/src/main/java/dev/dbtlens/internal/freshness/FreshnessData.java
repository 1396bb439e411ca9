package dev.dbtlens.internal.freshness;

import dev.dbtlens.internal.store.Store;
import dev.dbtlens.FreshnessCriteria;
import dev.dbtlens.ModelFreshness;
import dev.dbtlens.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the freshness analysis reads from the database for one environment, on one connection. */
final class FreshnessData implements AutoCloseable {
  /** Resource types that are built and have a last success. */
  static final List<String> BUILT = List.of("model", "seed", "snapshot");

  /** The latest freshness check of a source. */
  record Check(String uniqueId, String status, Instant maxLoadedAt, Instant snapshottedAt,
      Instant generatedAt, String invocationId, String error, FreshnessCriteria criteria) {}

  /** A node of the latest manifest with the criteria it declares (or null). */
  record Definition(String uniqueId, String resourceType, FreshnessCriteria criteria) {}

  /** A node's last attempt and last success; either may be null. */
  record Runs(String uniqueId, String resourceType, ModelFreshness.Run attempt, ModelFreshness.Run success) {}

  private interface Row {
    void accept(ResultSet r) throws SQLException;
  }

  private final Connection connection;
  private final String environment;

  FreshnessData(Store store, String environment) {
    this.connection = store.duplicate();
    this.environment = environment;
  }

  boolean environmentExists() {
    return exists("SELECT 1 FROM store.artifact WHERE environment = ? LIMIT 1");
  }

  boolean hasManifest() {
    return exists("SELECT 1 FROM store.artifact WHERE environment = ? AND kind = 'manifest' LIMIT 1");
  }

  /** @return each source's latest check by {@code generated_at}, by unique id */
  Map<String, Check> latestChecks() {
    Map<String, Check> out = new HashMap<>();
    query("""
        SELECT unique_id, status, max_loaded_at, snapshotted_at, generated_at, invocation_id, error,
               warn_after_count, warn_after_period, error_after_count, error_after_period
        FROM store.freshness_result WHERE environment = ?
        QUALIFY row_number() OVER (PARTITION BY unique_id
                                   ORDER BY generated_at DESC NULLS LAST, invocation_id DESC, result_index) = 1""",
        r -> out.put(r.getString(1), new Check(r.getString(1), r.getString(2), instant(r, 3),
            instant(r, 4), instant(r, 5), r.getString(6), r.getString(7),
            FreshnessJson.fromColumns(integer(r, 8), r.getString(9), integer(r, 10), r.getString(11)))));
    return out;
  }

  /** @return the latest manifest's sources with their {@code freshness} criteria */
  List<Definition> sources() {
    List<Definition> out = new ArrayList<>();
    query("""
        SELECT d.unique_id, d.resource_type, d.freshness::VARCHAR, d.config::VARCHAR
        FROM store.latest_manifest lm
        JOIN store.snapshot_member m ON m.snapshot_id = lm.snapshot_id
        JOIN store.node_def d ON d.def_hash = m.def_hash
        WHERE lm.environment = ? AND d.resource_type = 'source'""",
        r -> out.add(new Definition(r.getString(1), r.getString(2),
            FreshnessJson.sourceDefinition(r.getString(3), r.getString(4)))));
    return out;
  }

  /** @return the latest manifest's models, seeds and snapshots with their {@code meta.freshness} SLA */
  List<Definition> built() {
    List<Definition> out = new ArrayList<>();
    query("""
        SELECT d.unique_id, d.resource_type, d.meta::VARCHAR, d.config::VARCHAR
        FROM store.latest_manifest lm
        JOIN store.snapshot_member m ON m.snapshot_id = lm.snapshot_id
        JOIN store.node_def d ON d.def_hash = m.def_hash
        WHERE lm.environment = ? AND d.resource_type IN ('model', 'seed', 'snapshot')""",
        r -> out.add(new Definition(r.getString(1), r.getString(2),
            FreshnessJson.modelSla(r.getString(3), r.getString(4)))));
    return out;
  }

  /**
   * The last attempt and last success of every model, seed and snapshot with run results, by unique
   * id. Results of invocations that build nothing ({@code compile}, {@code docs generate}, {@code
   * show}) are left out.
   */
  Map<String, Runs> runs() {
    Map<String, ModelFreshness.Run> attempts = new HashMap<>();
    Map<String, ModelFreshness.Run> successes = new HashMap<>();
    Map<String, String> types = new HashMap<>();
    query("""
        WITH r AS (
          SELECT unique_id, split_part(unique_id, '.', 1) AS resource_type, invocation_id, status,
                 coalesce(execute_completed_at, generated_at) AS completed_at, generated_at, message,
                 result_index
          FROM store.run_result r
          WHERE environment = ? AND split_part(unique_id, '.', 1) IN ('model', 'seed', 'snapshot')
            AND NOT EXISTS (SELECT 1 FROM store.artifact a
                            WHERE a.environment = r.environment AND a.invocation_id = r.invocation_id
                              AND a.kind = 'run_results' AND a.command IN ('compile', 'docs generate', 'show')))
        SELECT false, * FROM r
        QUALIFY row_number() OVER (PARTITION BY unique_id
                                   ORDER BY generated_at DESC NULLS LAST, invocation_id DESC, result_index DESC) = 1
        UNION ALL
        SELECT true, * FROM r WHERE status = 'success'
        QUALIFY row_number() OVER (PARTITION BY unique_id
                                   ORDER BY generated_at DESC NULLS LAST, invocation_id DESC, result_index DESC) = 1""",
        r -> {
          ModelFreshness.Run run = new ModelFreshness.Run(r.getString(4), r.getString(5), instant(r, 6),
              instant(r, 7), r.getString(8));
          types.put(r.getString(2), r.getString(3));
          (r.getBoolean(1) ? successes : attempts).put(r.getString(2), run);
        });
    Map<String, Runs> out = new HashMap<>();
    types.forEach((id, type) -> out.put(id, new Runs(id, type, attempts.get(id), successes.get(id))));
    return out;
  }

  private boolean exists(String sql) {
    boolean[] found = {false};
    query(sql, r -> found[0] = true);
    return found[0];
  }

  private void query(String sql, Row row) {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          row.accept(r);
        }
      }
    } catch (SQLException e) {
      throw new StorageException("reading freshness data of environment " + environment, e);
    }
  }

  private static Instant instant(ResultSet r, int col) throws SQLException {
    LocalDateTime t = r.getObject(col, LocalDateTime.class);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  private static Integer integer(ResultSet r, int col) throws SQLException {
    int v = r.getInt(col);
    return r.wasNull() ? null : v;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // nothing to do
    }
  }
}
