package dev.dbtlens.internal.alerts;

import dev.dbtlens.Alert;
import dev.dbtlens.StorageException;
import dev.dbtlens.internal.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives alerts for the latest result of each node in an environment (or of one node), compared
 * with its result before, and stores those not stored yet: an alert is kept once per environment,
 * invocation, node and kind, so deriving again (after the run_results of a followed invocation
 * arrive) adds nothing twice. Results are the run results, the log's finished nodes of invocations
 * whose run_results are not (yet) ingested, and source freshness results. Skipped results are not
 * results.
 */
public final class AlertRules {
  /** A model is slower when its latest time exceeds this many times the median of its history. */
  public static final double SLOWER_FACTOR = 2.0;
  /** ... and by at least this many seconds (ignores noise on quick models). */
  public static final double SLOWER_MIN_SECONDS = 1.0;
  /** ... with at least this many earlier successful executions. */
  public static final int SLOWER_MIN_HISTORY = 3;
  /** ... of which at most this many recent ones make the median. */
  public static final int SLOWER_WINDOW = 20;

  /** The window a node's alerts read: its latest result, the one before, and the baseline's. */
  private static final int WINDOW = 1 + SLOWER_WINDOW;

  /**
   * The results alerts compare, skipped ones aside: run results, and the finished live nodes of
   * invocations whose run results do not name them (yet). {@code {scope}} narrows both (table
   * alias {@code t}), and the run results that the live nodes are matched with: without it, that
   * anti-join builds its hash table from every stored result, seconds at a thousand builds.
   */
  private static final String HIST = """
      hist AS (
        SELECT r.invocation_id, r.unique_id, split_part(r.unique_id, '.', 1) AS resource_type,
               r.status, r.execution_time,
               coalesce(r.execute_started_at, r.compile_started_at, r.generated_at) AS result_at
        FROM store.run_result r
        WHERE r.environment = $1 AND r.status <> 'skipped'{scope:r}
        UNION ALL
        SELECT n.invocation_id, n.unique_id, coalesce(n.resource_type, split_part(n.unique_id, '.', 1)),
               n.status, n.execution_time, coalesce(n.started_at, n.finished_at)
        FROM store.live_node n
        WHERE n.environment = $1{scope:n}
          AND n.status NOT IN ('running', 'skipped')
          AND NOT EXISTS (SELECT 1 FROM store.run_result r WHERE r.environment = n.environment
                          AND r.invocation_id = n.invocation_id AND r.unique_id = n.unique_id{scope:r})
      )""";

  /** A window's order, newest first: result_at DESC NULLS LAST, invocation_id DESC. */
  private static final String KEY = "(coalesce({e}.result_at, TIMESTAMP '0001-01-01'), {e}.invocation_id)";

  /** Each node's window from the results in scope, into the temp table {@code {into}}: a top-n aggregate. */
  private static final String LATEST = """
      CREATE OR REPLACE TEMP TABLE {into} AS
      WITH {hist}, entries AS (
        SELECT unique_id, {'invocation_id': invocation_id, 'resource_type': resource_type, 'status': status,
                           'execution_time': execution_time, 'result_at': result_at} AS e
        FROM hist
      )
      SELECT unique_id, arg_max(e, %s, %d) AS results FROM entries GROUP BY unique_id
      """.formatted(KEY.replace("{e}", "e"), WINDOW);

  /**
   * The windows of temp.alert_added (the new results) merged with the stored ones, into
   * temp.alert_latest. Where every new result of a node is newer than its stored latest (a new
   * build), its new results followed by its stored window; otherwise the latest of both.
   */
  private static final String MERGED = """
      CREATE OR REPLACE TEMP TABLE alert_latest AS
      WITH pairs AS (
        SELECT a.unique_id, a.results AS added, w.results AS stored,
               coalesce(%1$s > %2$s, true) AS newer -- true without a stored window
        FROM temp.alert_added a
        LEFT JOIN store.alert_window w ON w.environment = $1 AND w.unique_id = a.unique_id
      )
      SELECT unique_id, list_concat(added, coalesce(stored, added[1:0]))[1:%4$d] AS results
      FROM pairs WHERE newer
      UNION ALL
      SELECT unique_id, arg_max(e, %3$s, %4$d)
      FROM (SELECT unique_id, unnest(list_concat(added, stored)) AS e FROM pairs WHERE NOT newer)
      GROUP BY unique_id
      """.formatted(KEY.replace("{e}", "a.results[-1]"), KEY.replace("{e}", "w.results[1]"),
          KEY.replace("{e}", "e"), WINDOW);

  /**
   * What each invocation's results are now, into temp.alert_source: a stored window holds every
   * invocation whose count (and live nodes' last change) is what its alert_window_source row says.
   */
  private static final String SOURCES = """
      CREATE OR REPLACE TEMP TABLE alert_source AS
      SELECT invocation_id, count(*) AS results, max(updated_at) AS live_updated_at FROM (
        SELECT invocation_id, NULL::TIMESTAMP AS updated_at FROM store.run_result
        WHERE environment = $1 AND status <> 'skipped'
        UNION ALL
        SELECT invocation_id, updated_at FROM store.live_node
        WHERE environment = $1 AND status NOT IN ('running', 'skipped'))
      GROUP BY invocation_id""";

  /** The invocations whose results changed since the windows were stored ($1: the environment). */
  private static final String CHANGED = """
      SELECT s.invocation_id FROM temp.alert_source s
      LEFT JOIN store.alert_window_source o ON o.environment = $1 AND o.invocation_id = s.invocation_id
      WHERE o.invocation_id IS NULL OR o.results <> s.results
         OR o.live_updated_at IS DISTINCT FROM s.live_updated_at
      ORDER BY 1""";

  /**
   * Whether a stored window holds a result of an invocation that changed or is gone (pruned): then
   * a result may have left it, and the one to take its place is not in any window.
   */
  private static final String STALE = """
      SELECT 1 FROM (SELECT unnest(results).invocation_id AS invocation_id FROM store.alert_window
                     WHERE environment = $1) w
      WHERE w.invocation_id NOT IN (
        SELECT s.invocation_id FROM temp.alert_source s
        JOIN store.alert_window_source o ON o.environment = $1 AND o.invocation_id = s.invocation_id
        WHERE o.results = s.results AND o.live_updated_at IS NOT DISTINCT FROM s.live_updated_at)
      LIMIT 1""";

  /** Beyond this many changed invocations, the whole history is read again (one parameter each). */
  private static final int MAX_CHANGED = 500;

  /** The alerts of the windows in temp.alert_latest and of the freshness results. */
  private static final String FOUND = """
      WITH ranked AS (
        SELECT r.invocation_id, unique_id, r.resource_type, r.status, r.execution_time, r.result_at, rn
        FROM (SELECT unique_id, unnest(results) AS r, generate_subscripts(results, 1) AS rn FROM temp.alert_latest)
      ), pairs AS (
        SELECT l.*, p.status AS previous_status
        FROM ranked l LEFT JOIN ranked p ON p.unique_id = l.unique_id AND p.rn = 2
        WHERE l.rn = 1
      ), baseline AS (
        SELECT h.unique_id, median(h.execution_time) AS baseline_time, count(*) AS n
        FROM ranked h
        WHERE h.rn BETWEEN 2 AND 1 + %1$d AND h.status = 'success' AND h.execution_time IS NOT NULL
        GROUP BY ALL
      ), fresh AS (
        SELECT f.invocation_id, f.unique_id, f.status,
               row_number() OVER (PARTITION BY f.unique_id
                 ORDER BY coalesce(f.snapshotted_at, f.generated_at) DESC NULLS LAST, f.invocation_id DESC) AS rn
        FROM store.freshness_result f
        WHERE f.environment = $1 AND ($2 IS NULL OR f.unique_id = $2)
      ), fresh_pairs AS (
        SELECT l.invocation_id, l.unique_id, l.status, p.status AS previous_status
        FROM fresh l LEFT JOIN fresh p ON p.unique_id = l.unique_id AND p.rn = 2 WHERE l.rn = 1
      ), found AS (
        SELECT invocation_id, unique_id, resource_type,
               CASE
                 WHEN resource_type IN ('test', 'unit_test') AND status IN ('fail', 'error', 'runtime error')
                      AND coalesce(previous_status, '') NOT IN ('fail', 'error', 'runtime error') THEN 'test_failed'
                 WHEN resource_type IN ('test', 'unit_test') AND status = 'warn'
                      AND coalesce(previous_status, '') NOT IN ('warn', 'fail', 'error', 'runtime error') THEN 'test_warned'
                 WHEN resource_type IN ('test', 'unit_test') AND status = 'pass'
                      AND previous_status IN ('fail', 'error', 'runtime error', 'warn') THEN 'test_recovered'
                 WHEN resource_type NOT IN ('test', 'unit_test') AND status IN ('error', 'runtime error')
                      AND coalesce(previous_status, '') NOT IN ('error', 'runtime error') THEN 'model_errored'
                 WHEN resource_type NOT IN ('test', 'unit_test') AND status = 'success'
                      AND previous_status IN ('error', 'runtime error') THEN 'model_recovered'
               END AS kind,
               status, previous_status, execution_time, NULL::DOUBLE AS baseline_time
        FROM pairs
        UNION ALL
        SELECT p.invocation_id, p.unique_id, p.resource_type, 'model_slower', p.status, p.previous_status,
               p.execution_time, b.baseline_time
        FROM pairs p JOIN baseline b USING (unique_id)
        WHERE p.resource_type IN ('model', 'snapshot', 'seed') AND p.status = 'success'
          AND b.n >= %2$d AND p.execution_time > %3$s * b.baseline_time
          AND p.execution_time - b.baseline_time >= %4$s
        UNION ALL
        SELECT invocation_id, unique_id, 'source',
               CASE WHEN status IN ('warn', 'error', 'runtime error')
                         AND coalesce(previous_status, 'pass') NOT IN ('warn', 'error', 'runtime error') THEN 'source_stale'
                    WHEN status = 'pass' AND previous_status IN ('warn', 'error', 'runtime error') THEN 'source_fresh'
               END, status, previous_status, NULL, NULL
        FROM fresh_pairs
      )
      """.formatted(SLOWER_WINDOW, SLOWER_MIN_HISTORY, SLOWER_FACTOR, SLOWER_MIN_SECONDS);

  private static final String INSERT = FOUND + """
      INSERT INTO store.alert
      SELECT nextval('store.alert_seq'), $1, f.invocation_id, f.unique_id, f.resource_type, f.kind,
             CASE WHEN f.kind IN ('test_failed', 'model_errored') THEN
                       CASE WHEN f.status = 'warn' THEN 'warn' ELSE 'error' END
                  WHEN f.kind = 'source_stale' THEN CASE WHEN f.status = 'warn' THEN 'warn' ELSE 'error' END
                  WHEN f.kind IN ('test_warned', 'model_slower') THEN 'warn'
                  ELSE 'info' END,
             f.status, f.previous_status, f.execution_time, f.baseline_time,
             CASE f.kind
               WHEN 'test_failed' THEN 'test ' || f.unique_id || ' ' || f.status
                    || CASE WHEN f.previous_status IS NULL THEN ' (first result)'
                            ELSE ' (was ' || f.previous_status || ')' END
               WHEN 'test_warned' THEN 'test ' || f.unique_id || ' warns (was ' || coalesce(f.previous_status, 'no result') || ')'
               WHEN 'test_recovered' THEN 'test ' || f.unique_id || ' passes again (was ' || f.previous_status || ')'
               WHEN 'model_errored' THEN f.resource_type || ' ' || f.unique_id || ' ' || f.status
                    || CASE WHEN f.previous_status IS NULL THEN ' (first result)'
                            ELSE ' (was ' || f.previous_status || ')' END
               WHEN 'model_recovered' THEN f.resource_type || ' ' || f.unique_id || ' succeeds again (was ' || f.previous_status || ')'
               WHEN 'model_slower' THEN f.resource_type || ' ' || f.unique_id || ' took '
                    || round(f.execution_time, 2) || ' s, ' || round(f.execution_time / f.baseline_time, 1)
                    || 'x its median of ' || round(f.baseline_time, 2) || ' s'
               WHEN 'source_stale' THEN 'source ' || f.unique_id || ' is stale (' || f.status || ')'
               WHEN 'source_fresh' THEN 'source ' || f.unique_id || ' is fresh again (was ' || f.previous_status || ')'
             END,
             $3, $4, NULL, NULL, NULL
      FROM found f
      WHERE f.kind IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM store.alert a WHERE a.environment = $1
                        AND a.invocation_id = f.invocation_id AND a.unique_id = f.unique_id
                        AND a.kind = f.kind)
      ORDER BY f.unique_id, f.kind
      """;

  /**
   * The violations of the environment's current evaluation ($2: its snapshot) that are not in the
   * baseline (the evaluation alerts were last derived against), once per manifest and violation.
   */
  private static final String INSERT_RECOMMENDATIONS = """
      INSERT INTO store.alert
      SELECT nextval('store.alert_seq'), $1, coalesce(r.manifest_invocation_id, r.snapshot_id),
             coalesce(r.unique_id, ''), coalesce(split_part(r.unique_id, '.', 1), 'project'),
             'recommendation_new', r.severity, NULL, NULL, NULL, NULL,
             'recommendation ' || r.rule_name || ' (' || r.category || ') on '
               || coalesce(r.unique_id, 'the project') || ': ' || r.description,
             $3, 'ingest', r.rule_name, r.category, r.violation_id
      FROM store.recommendation r
      WHERE r.environment = $1 AND r.snapshot_id = $2
        AND r.violation_id NOT IN (SELECT unnest(b.violation_ids) FROM store.alert_recommendation_baseline b
                                   WHERE b.environment = $1)
        AND NOT EXISTS (SELECT 1 FROM store.alert a WHERE a.environment = $1 AND a.kind = 'recommendation_new'
                        AND a.invocation_id = coalesce(r.manifest_invocation_id, r.snapshot_id)
                        AND a.violation_id = r.violation_id)
      ORDER BY r.category, r.rule_name, r.violation_id
      """;

  private AlertRules() { }

  /**
   * Derives and stores new alerts, in the caller's transaction or in auto-commit.
   *
   * @param conn a writable connection
   * @param environment the environment
   * @param uniqueId one node, or null for every node
   * @param source {@code ingest} or {@code log}
   * @return the alerts stored now, oldest first
   */
  public static List<Alert> derive(Connection conn, String environment, String uniqueId, String source) {
    try {
      long before = Sql.count(conn, "SELECT coalesce(max(alert_id), 0) FROM store.alert");
      Sql.inTransaction(conn, () -> {
        if (uniqueId != null) {
          latest(conn, "alert_latest", " AND {t}.unique_id = $2", environment, uniqueId);
        } else {
          latestKeepingWindows(conn, environment);
        }
        try (PreparedStatement s = conn.prepareStatement(INSERT)) {
          s.setString(1, environment);
          s.setString(2, uniqueId);
          s.setObject(3, LocalDateTime.now(ZoneOffset.UTC));
          s.setString(4, source);
          s.executeUpdate();
        }
        Sql.update(conn, "DROP TABLE temp.alert_latest");
        return null;
      });
      if (uniqueId == null) {
        newRecommendations(conn, environment);
      }
      return read(conn, "SELECT * FROM store.alert WHERE environment = ? AND alert_id > ?"
          + " ORDER BY alert_id", environment, before);
    } catch (SQLException e) {
      throw new StorageException("deriving alerts for environment '" + environment + "'", e);
    }
  }

  /**
   * Every node's window into temp.alert_latest, and into store.alert_window. When the stored
   * windows hold only results of invocations that have not changed since, only the nodes that the
   * changed (new) invocations name are read again, from their stored windows and those
   * invocations' results: the latest of the latest so far and the new ones. So deriving the alerts
   * of a build costs what the build added, not what the environment keeps. Otherwise (no windows
   * yet, a result in a window gone or changed, a live node updated, many invocations changed)
   * every result is read.
   */
  private static void latestKeepingWindows(Connection conn, String environment) throws SQLException {
    Sql.update(conn, SOURCES, environment);
    List<String> changed = Sql.strings(conn, CHANGED, environment);
    boolean incremental = changed.size() <= MAX_CHANGED
        && Sql.exists(conn, "SELECT 1 FROM store.alert_window_source WHERE environment = $1", environment)
        && !Sql.exists(conn, STALE, environment);
    if (incremental && changed.isEmpty()) { // nothing new: nothing written
      Sql.update(conn, "CREATE OR REPLACE TEMP TABLE alert_latest AS"
          + " SELECT unique_id, results FROM store.alert_window LIMIT 0");
      Sql.update(conn, "DROP TABLE temp.alert_source");
      return;
    }
    List<Object> params = new ArrayList<>(List.of(environment));
    String in = ""; // the changed invocations, when only they are read
    if (incremental) {
      params.addAll(changed);
      StringBuilder list = new StringBuilder();
      for (int i = 0; i < changed.size(); i++) {
        list.append(i == 0 ? "" : ", ").append('$').append(i + 2);
      }
      in = " AND invocation_id IN (" + list + ")";
      // a constant IN list: DuckDB skips the row groups of other invocations
      latest(conn, "alert_added", in.replace("invocation_id", "{t}.invocation_id"), params.toArray());
      Sql.update(conn, MERGED, environment);
      Sql.update(conn, "DROP TABLE temp.alert_added");
      Sql.update(conn, "DELETE FROM store.alert_window WHERE environment = $1"
          + " AND unique_id IN (SELECT unique_id FROM temp.alert_latest)", environment);
    } else {
      latest(conn, "alert_latest", "", environment);
      Sql.update(conn, "DELETE FROM store.alert_window WHERE environment = $1", environment);
    }
    Sql.update(conn, "INSERT INTO store.alert_window SELECT $1, unique_id, results FROM temp.alert_latest",
        environment);
    Sql.update(conn, "DELETE FROM store.alert_window_source WHERE environment = $1" + in, params.toArray());
    Sql.update(conn, "INSERT INTO store.alert_window_source SELECT $1, * FROM temp.alert_source WHERE TRUE" + in,
        params.toArray());
    Sql.update(conn, "DROP TABLE temp.alert_source");
  }

  private static void latest(Connection conn, String into, String scope, Object... params) throws SQLException {
    String hist = HIST.replace("{scope:r}", scope.replace("{t}", "r"))
        .replace("{scope:n}", scope.replace("{t}", "n"));
    Sql.update(conn, LATEST.replace("{into}", into).replace("{hist}", hist), params);
  }

  /**
   * Raises {@code recommendation_new} for the violations of the environment's current evaluation
   * (store.recommendation, for the latest manifest) that were not in the evaluation alerts were
   * last derived against, then makes the current one that baseline. The environment's first
   * evaluation only sets the baseline: a project's existing violations are not news. Nothing
   * happens while the latest manifest has no evaluation (none yet, or a cycle): the baseline stays.
   */
  private static void newRecommendations(Connection conn, String environment) throws SQLException {
    String current;
    try (PreparedStatement s = conn.prepareStatement("""
        SELECT any_value(m.snapshot_id) FROM store.recommendation_metric m
        JOIN store.current_manifest cm ON cm.environment = m.environment AND cm.snapshot_id = m.snapshot_id
        WHERE m.environment = ?""")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        current = r.next() ? r.getString(1) : null;
      }
    }
    if (current == null) {
      return;
    }
    String baseline = null;
    boolean hasBaseline;
    try (PreparedStatement s = conn.prepareStatement(
        "SELECT snapshot_id FROM store.alert_recommendation_baseline WHERE environment = ?")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        hasBaseline = r.next();
        if (hasBaseline) {
          baseline = r.getString(1);
        }
      }
    }
    if (current.equals(baseline)) {
      return;
    }
    Sql.inTransaction(conn, () -> {
      if (hasBaseline) {
        try (PreparedStatement s = conn.prepareStatement(INSERT_RECOMMENDATIONS)) {
          s.setString(1, environment);
          s.setString(2, current);
          s.setObject(3, LocalDateTime.now(ZoneOffset.UTC));
          s.executeUpdate();
        }
      }
      try (PreparedStatement s = conn.prepareStatement(
          "DELETE FROM store.alert_recommendation_baseline WHERE environment = ?")) {
        s.setString(1, environment);
        s.executeUpdate();
      }
      try (PreparedStatement s = conn.prepareStatement("""
          INSERT INTO store.alert_recommendation_baseline
          SELECT $1, $2, coalesce(list(violation_id ORDER BY violation_id), []::VARCHAR[])
          FROM store.recommendation WHERE environment = $1 AND snapshot_id = $2""")) {
        s.setString(1, environment);
        s.setString(2, current);
        s.executeUpdate();
      }
      return null;
    });
  }

  /**
   * @param conn a connection
   * @param environment the environment
   * @param limit at most this many, newest first
   * @return stored alerts
   */
  public static List<Alert> list(Connection conn, String environment, int limit) {
    try {
      return read(conn, "SELECT * FROM store.alert WHERE environment = ? ORDER BY alert_id DESC LIMIT ?",
          environment, limit);
    } catch (SQLException e) {
      throw new StorageException("reading alerts of environment '" + environment + "'", e);
    }
  }

  private static List<Alert> read(Connection conn, String sql, Object... params) throws SQLException {
    List<Alert> out = new ArrayList<>();
    try (PreparedStatement s = conn.prepareStatement(sql)) {
      Sql.bind(s, params);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Timestamp at = r.getTimestamp("detected_at");
          out.add(new Alert(r.getLong("alert_id"), r.getString("environment"),
              r.getString("invocation_id"), r.getString("unique_id"), r.getString("resource_type"),
              r.getString("kind"), r.getString("severity"), r.getString("status"),
              r.getString("previous_status"), (Double) r.getObject("execution_time"),
              (Double) r.getObject("baseline_time"), r.getString("message"),
              at == null ? null : at.toLocalDateTime().toInstant(ZoneOffset.UTC),
              r.getString("source"), r.getString("rule_name"), r.getString("category"),
              r.getString("violation_id")));
        }
      }
    }
    return out;
  }
}
