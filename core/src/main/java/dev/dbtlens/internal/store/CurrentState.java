package dev.dbtlens.internal.store;

import dev.dbtlens.RunResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Collectors;

/**
 * Recomputes an environment's current state (store.current_*) at the end of an ingest, inside its
 * transaction, so that the public views read it instead of scanning every stored manifest and
 * catalog on each query.
 */
public final class CurrentState {
  private CurrentState() {}

  /**
   * {@link RunResult#NON_BUILD_COMMANDS} as a SQL list (constants, not user input): run results of
   * any other command, or of a file that names none, are builds.
   */
  public static final String NON_BUILDS_SQL = RunResult.NON_BUILD_COMMANDS.stream().sorted()
      .map(c -> "'" + c + "'").collect(Collectors.joining(", "));

  /** Recomputes the current state of every environment. */
  public static void refreshAll(Connection conn) throws SQLException {
    for (String env : Sql.strings(conn, "SELECT DISTINCT environment FROM store.artifact")) {
      refresh(conn, env);
    }
  }

  public static void refresh(Connection conn, String environment) throws SQLException {
    refreshDefinitions(conn, environment);
    refreshExecutions(conn, environment);
  }

  /**
   * Each node's last build attempt and last successful build, with its run's ids, job label (as
   * the invocations view labels it) and elapsed time: what executionInfo answers, two rows per
   * built node.
   */
  private static void refreshExecutions(Connection conn, String environment) throws SQLException {
    Sql.update(conn, "DELETE FROM store.current_execution WHERE environment = ?", environment);
    Sql.update(conn, """
        INSERT INTO store.current_execution
        WITH runs AS (
          SELECT invocation_id,
                 max(command) FILTER (WHERE kind = 'run_results') AS command,
                 coalesce(max(job), max(command) FILTER (WHERE kind = 'run_results'), max(command)) AS job,
                 max(elapsed_time) FILTER (WHERE kind = 'run_results') AS elapsed_time
          FROM store.artifact WHERE environment = ? GROUP BY invocation_id
          HAVING bool_or(kind = 'run_results')),
        builds AS (
          SELECT r.*, runs.command, runs.job, ids.run_id, ids.job_id, runs.elapsed_time AS run_elapsed_time
          FROM store.run_result r
          JOIN runs ON runs.invocation_id = r.invocation_id
          LEFT JOIN store.run_ids ids ON ids.environment = r.environment AND ids.invocation_id = r.invocation_id
          WHERE r.environment = ? AND (runs.command IS NULL OR runs.command NOT IN ({nonBuilds}))),
        ranked AS (
          SELECT *, row_number() OVER (PARTITION BY unique_id
                                       ORDER BY generated_at DESC, result_index DESC) AS attempt_rank,
                 CASE WHEN status IN ('success', 'pass') THEN row_number() OVER (
                   PARTITION BY unique_id, status IN ('success', 'pass')
                   ORDER BY generated_at DESC, result_index DESC) END AS success_rank
          FROM builds)
        SELECT 'attempt', * EXCLUDE (attempt_rank, success_rank) FROM ranked WHERE attempt_rank = 1
        UNION ALL
        SELECT 'success', * EXCLUDE (attempt_rank, success_rank) FROM ranked WHERE success_rank = 1"""
        .replace("{nonBuilds}", NON_BUILDS_SQL), environment, environment);
  }

  private static void refreshDefinitions(Connection conn, String environment) throws SQLException {
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
