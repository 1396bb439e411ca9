package dev.dbtlens.cli.demo;

import dev.dbtlens.cli.output.ResultPrinter;
import dev.dbtlens.cli.support.Launcher;
import dev.dbtlens.cli.support.Shell;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What a user wants to see first about an environment, computed with SQL over the public views,
 * followed by commands to try next.
 */
final class DemoSummary {
  /** The newest invocation with run results, of any resource type when the type is null. */
  private static final String LATEST_RUN = """
      SELECT invocation_id, command, generated_at FROM invocations i
      WHERE environment = ? AND has_run_results
        AND (CAST(? AS VARCHAR) IS NULL OR EXISTS (
          SELECT 1 FROM run_results r
          WHERE r.environment = i.environment AND r.invocation_id = i.invocation_id
            AND r.resource_type = ?))
      ORDER BY generated_at DESC, invocation_id LIMIT 1""";

  private static final String INVOCATIONS = """
      SELECT invocation_id, command, generated_at, round(elapsed_time, 1) AS elapsed_s, artifacts
      FROM invocations WHERE environment = ?
      ORDER BY generated_at, invocation_id""";

  private static final String NODE_COUNTS = """
      SELECT resource_type, count(*) AS nodes
      FROM nodes WHERE environment = ?
      GROUP BY resource_type ORDER BY nodes DESC, resource_type""";

  private static final String RUN_STATUSES = """
      SELECT resource_type, status, count(*) AS results
      FROM run_results WHERE environment = ? AND invocation_id = ?
      GROUP BY ALL ORDER BY resource_type, results DESC, status""";

  private static final String SLOWEST_MODELS = """
      SELECT unique_id, status, round(execution_time, 2) AS execution_time_s
      FROM run_results
      WHERE environment = ? AND invocation_id = ? AND resource_type = 'model'
      ORDER BY execution_time DESC NULLS LAST, unique_id LIMIT 5""";

  private static final String FAILING_TESTS = """
      SELECT unique_id, status, failures, message
      FROM run_results
      WHERE environment = ? AND invocation_id = ? AND resource_type IN ('test', 'unit_test')
        AND status IN ('fail', 'warn', 'error')
      ORDER BY status, unique_id""";

  private static final String STALE_SOURCES = """
      SELECT unique_id, status, max_loaded_at,
             round(max_loaded_at_time_ago_in_s / 3600, 1) AS hours_since_load, error
      FROM (SELECT *, row_number() OVER (PARTITION BY unique_id
                                         ORDER BY generated_at DESC, result_index) AS nth
            FROM source_freshness WHERE environment = ?)
      WHERE nth = 1 AND status IN ('warn', 'error', 'runtime error')
      ORDER BY status, unique_id""";

  private static final String ERRORED_MODELS = """
      SELECT unique_id, invocation_id, generated_at, message
      FROM (SELECT *, row_number() OVER (PARTITION BY unique_id
                                         ORDER BY generated_at DESC, result_index DESC) AS nth
            FROM run_results WHERE environment = ? AND resource_type = 'model')
      WHERE nth = 1 AND status = 'error'
      ORDER BY unique_id""";

  private static final String MODEL_WITH_MOST_PARENTS = """
      SELECT child_id FROM edges WHERE environment = ? AND child_id LIKE 'model.%'
      GROUP BY child_id ORDER BY count(*) DESC, child_id LIMIT 1""";

  private final Connection connection;
  private final PrintWriter out;
  private final ResultPrinter table;

  DemoSummary(Connection connection, PrintWriter out) {
    this.connection = connection;
    this.out = out;
    this.table = new ResultPrinter(out, ResultPrinter.Format.TABLE);
  }

  /**
   * @param environment the environment to describe
   * @param db the database file, for the commands to try next
   */
  void print(String environment, Path db) throws SQLException {
    section("Invocations in environment '" + environment + "'", INVOCATIONS, environment);
    section("Nodes by resource type (latest manifest)", NODE_COUNTS, environment);
    inLatestRun("Result statuses in the latest run", null, RUN_STATUSES, environment);
    inLatestRun("Slowest models in the latest run of models", "model", SLOWEST_MODELS,
        environment);
    inLatestRun("Failing and warning tests in the latest run of tests", "test", FAILING_TESTS,
        environment);
    section("Sources whose latest freshness check warned or failed", STALE_SOURCES, environment);
    section("Models whose latest run errored", ERRORED_MODELS, environment);
    nextCommands(environment, db);
  }

  /**
   * A section over the newest invocation that ran the resource type (any, if null), named in the
   * title; the query takes the environment and the invocation id.
   */
  private void inLatestRun(String title, String resourceType, String sql, String environment)
      throws SQLException {
    List<List<Object>> latest = query(LATEST_RUN, environment, resourceType, resourceType).rows();
    if (latest.isEmpty()) {
      section(title, sql, environment, null);
      return;
    }
    List<Object> run = latest.get(0);
    section(title + " (dbt " + run.get(1) + ", " + run.get(0) + ", " + run.get(2) + ")", sql,
        environment, run.get(0));
  }

  private void section(String title, String sql, Object... params) throws SQLException {
    ResultPrinter.Rows rows = query(sql, params);
    out.println();
    out.println(title + ":");
    if (rows.rows().isEmpty()) {
      out.println("  none");
      return;
    }
    table.print(rows.columns(), rows.rows(), false);
  }

  private void nextCommands(String environment, Path db) throws SQLException {
    List<List<Object>> model = query(MODEL_WITH_MOST_PARENTS, environment).rows();
    String child = model.isEmpty() ? "model.shop.orders" : String.valueOf(model.get(0).get(0));
    String sql = Launcher.command() + " sql --db " + Shell.quote(db.toString()) + " ";
    out.println();
    out.println("Try next:");
    out.println("  " + sql + Shell.quoteSql("SELECT unique_id, status, execution_time"
        + " FROM run_results WHERE resource_type = 'model' ORDER BY generated_at DESC,"
        + " execution_time DESC LIMIT 10"));
    out.println("  " + sql + Shell.quoteSql("SELECT parent_id FROM edges WHERE child_id = '"
        + child.replace("'", "''") + "'"));
    out.println("  " + sql + "--format json " + Shell.quoteSql("SELECT unique_id, materialized,"
        + " tags, config FROM nodes WHERE resource_type = 'model' LIMIT 3"));
  }

  private ResultPrinter.Rows query(String sql, Object... params) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return table.read(rs);
      }
    }
  }
}
