package dev.dbtlens.graphql.internal.node;

import dev.dbtlens.graphql.internal.environment.Environments;
import dev.dbtlens.graphql.internal.execution.Db;
import dev.dbtlens.graphql.internal.execution.NamedSql;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.execution.Row;
import dev.dbtlens.graphql.internal.run.FreshnessRun;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Execution info, catalog entries and latest freshness checks of many nodes, one query each. */
final class Executions {
  private Executions() {}

  /** The columns {@link ExecutionInfo#read} reads, from an attempt {@code a} and a success {@code s}. */
  private static final String ATTEMPT_AND_SUCCESS = """
      SELECT a.unique_id,
             a.invocation_id AS a_run_id, a.status AS a_status, a.message AS a_message,
             a.generated_at AS a_generated_at, a.failures AS a_failures,
             a.execution_time AS a_execution_time, a.rows_affected AS a_rows_affected, a.job AS a_job,
             a.run_id AS a_run_number, a.job_id AS a_job_number,
             s.run_id AS s_run_number, s.job_id AS s_job_number,
             s.invocation_id AS s_run_id, s.job AS s_job, s.execution_time AS s_execution_time,
             s.compile_started_at AS s_compile_started_at,
             s.compile_completed_at AS s_compile_completed_at,
             s.execute_started_at AS s_execute_started_at,
             s.execute_completed_at AS s_execute_completed_at, s.generated_at AS s_generated_at,
             s.run_elapsed_time AS s_run_elapsed_time, s.rows_affected AS s_rows_affected,
             s.thread_id AS s_thread_id, s.adapter_response AS s_adapter_response""";

  /**
   * The last attempt and last success of each id, as core materialises them at ingest
   * ({@code store.current_execution}: builds only, with the run's ids and job label).
   */
  private static final NamedSql EXECUTION = NamedSql.of("""
      {attemptAndSuccess}
      FROM store.current_execution a
      LEFT JOIN store.current_execution s
        ON s.environment = a.environment AND s.unique_id = a.unique_id AND s.kind = 'success'
      WHERE a.environment = :env AND a.kind = 'attempt' AND a.unique_id IN (SELECT unnest(:ids))"""
      .replace("{attemptAndSuccess}", ATTEMPT_AND_SUCCESS));

  /**
   * {@link #EXECUTION}, for an environment with a run known only from its log: the last attempt
   * and last success of each id as core materialises them, unless a run
   * known only from its structured log (in progress, or crashed: no run_results) finished the node
   * later: then that run's result is the last attempt (and the last success when it succeeded),
   * with the node's finish time as the run's generated time (docs/live.md). Nodes still running
   * keep their earlier execution.
   */
  private static final NamedSql EXECUTION_LIVE = NamedSql.of("""
      WITH cur AS (
        SELECT * FROM store.current_execution
        WHERE environment = :env AND unique_id IN (SELECT unnest(:ids))
      ),
      live AS (
        SELECT n.unique_id, n.invocation_id, n.status, n.message, n.finished_at AS generated_at,
               n.failures, n.execution_time, n.rows_affected, ids.job, ids.run_id, ids.job_id,
               n.compile_started_at, n.compile_completed_at, n.execute_started_at,
               n.execute_completed_at,
               coalesce(i.elapsed, epoch(i.last_event_at - i.started_at)) AS run_elapsed_time,
               n.thread AS thread_id, n.adapter_response
        FROM store.live_node n
        JOIN store.live_invocation i ON i.environment = n.environment AND i.invocation_id = n.invocation_id
        JOIN store.run_ids ids ON ids.environment = n.environment AND ids.invocation_id = n.invocation_id
        WHERE n.environment = :env AND n.unique_id IN (SELECT unnest(:ids))
          AND n.status <> 'running' AND n.finished_at IS NOT NULL
          AND (ids.job IS NULL OR ids.job NOT IN ({nonBuilds}))
          AND NOT EXISTS (SELECT 1 FROM store.artifact a WHERE a.environment = n.environment
                          AND a.invocation_id = n.invocation_id AND a.kind = 'run_results')
      ),
      attempts AS (
        SELECT * FROM (
          SELECT unique_id, invocation_id, status, message, generated_at, failures, execution_time,
                 rows_affected, job, run_id, job_id FROM cur WHERE kind = 'attempt'
          UNION ALL
          SELECT unique_id, invocation_id, status, message, generated_at, failures, execution_time,
                 rows_affected, job, run_id, job_id FROM live)
        QUALIFY row_number() OVER (PARTITION BY unique_id ORDER BY generated_at DESC NULLS LAST) = 1
      ),
      successes AS (
        SELECT * FROM (
          SELECT unique_id, run_id, job_id, invocation_id, job, execution_time, compile_started_at,
                 compile_completed_at, execute_started_at, execute_completed_at, generated_at,
                 run_elapsed_time, rows_affected, thread_id, adapter_response
          FROM cur WHERE kind = 'success'
          UNION ALL
          SELECT unique_id, run_id, job_id, invocation_id, job, execution_time, compile_started_at,
                 compile_completed_at, execute_started_at, execute_completed_at, generated_at,
                 run_elapsed_time, rows_affected, thread_id, adapter_response
          FROM live WHERE status IN ('success', 'pass'))
        QUALIFY row_number() OVER (PARTITION BY unique_id ORDER BY generated_at DESC NULLS LAST) = 1
      )
      {attemptAndSuccess}
      FROM attempts a
      LEFT JOIN successes s ON s.unique_id = a.unique_id"""
      .replace("{attemptAndSuccess}", ATTEMPT_AND_SUCCESS)
      .replace("{nonBuilds}", dev.dbtlens.RunResult.NON_BUILD_COMMANDS.stream().sorted()
          .map(c -> "'" + c + "'").collect(java.util.stream.Collectors.joining(", "))));

  /** @return the execution of each id; {@link ExecutionInfo#NEVER_RUN} for those never built */
  static Map<String, ExecutionInfo> executionInfo(Request request, String environment, Set<String> ids) {
    Map<String, ExecutionInfo> out = new HashMap<>();
    // the overlay of runs known only from their logs costs about a fifth of a page's time: only
    // environments that have such a run pay it
    NamedSql sql = Environments.named(request, environment).liveRuns() ? EXECUTION_LIVE : EXECUTION;
    request.db().list(sql, Map.of("env", environment, "ids", List.copyOf(ids)), r -> {
      out.put(r.str("unique_id"), ExecutionInfo.read(r));
      return null;
    });
    return out;
  }

  private static final NamedSql TEST_STATUSES = NamedSql.of("""
      WITH tested AS (
        SELECT e.parent_id AS unique_id, e.child_id AS test_id
        FROM store.gql_edge e
        JOIN store.gql_node n ON n.environment = e.environment AND n.unique_id = e.child_id
        WHERE e.environment = :env AND e.parent_id IN (SELECT unnest(:ids))
          AND n.resource_type IN ('test', 'unit_test')
      ),
      latest AS (
        SELECT unique_id, status FROM store.current_execution
        WHERE environment = :env AND kind = 'attempt' AND unique_id IN (SELECT test_id FROM tested)
      )
      SELECT t.unique_id, l.status, count(*) AS tests
      FROM tested t JOIN latest l ON l.unique_id = t.test_id
      GROUP BY t.unique_id, l.status ORDER BY t.unique_id, l.status""");

  /** @return for each id with run tests, how many of its tests' latest results have each status */
  static Map<String, Map<String, Object>> testStatuses(Request request, String environment, Set<String> ids) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    request.db().list(TEST_STATUSES, Map.of("env", environment, "ids", List.copyOf(ids)), r -> {
      out.computeIfAbsent(r.str("unique_id"), k -> new java.util.LinkedHashMap<>())
          .put(r.str("status"), r.lng("tests"));
      return null;
    });
    return out;
  }

  /**
   * The catalog entries of the ids with their columns and the columns' YAML descriptions, as core
   * materialises them at ingest ({@code store.gql_catalog}).
   */
  private static final NamedSql CATALOG = NamedSql.of("""
      SELECT unique_id, database, schema, name, table_type, comment, owner, row_count, bytes, stats,
             catalog_generated_at, column_name, column_index, data_type, column_comment,
             column_description, column_tags, column_meta
      FROM store.gql_catalog
      WHERE environment = :env AND unique_id IN (SELECT unnest(:ids))
      ORDER BY unique_id, column_index, column_name""");

  /** @return the last known catalog entry of each id that has one */
  static Map<String, CatalogNode> catalog(Request request, String environment, Set<String> ids) {
    Map<String, CatalogNode.Builder> builders = new HashMap<>();
    request.db().list(CATALOG, Map.of("env", environment, "ids", List.copyOf(ids)), r -> {
      CatalogNode.Builder b = builders.get(r.str("unique_id"));
      if (b == null) {
        b = CatalogNode.builder(r, environment);
        builders.put(r.str("unique_id"), b);
      }
      b.addColumn(r);
      return null;
    });
    Map<String, CatalogNode> out = new HashMap<>();
    builders.forEach((id, b) -> out.put(id, b.build()));
    return out;
  }

  private static final NamedSql LATEST_FRESHNESS = NamedSql.of("""
      SELECT f.*, i.job, n.name, n.source_name
      FROM source_freshness f
      LEFT JOIN invocations i ON i.environment = f.environment AND i.invocation_id = f.invocation_id
      LEFT JOIN store.gql_node n ON n.environment = f.environment AND n.unique_id = f.unique_id
      WHERE f.environment = :env AND f.unique_id IN (SELECT unnest(:ids))
      QUALIFY row_number() OVER (PARTITION BY f.unique_id ORDER BY f.generated_at DESC, f.result_index) = 1""");

  /** @return the latest freshness check of each id that has one */
  static Map<String, FreshnessRun> latestFreshness(Request request, String environment, Set<String> ids) {
    Map<String, FreshnessRun> out = new HashMap<>();
    request.db().list(LATEST_FRESHNESS, Map.of("env", environment, "ids", List.copyOf(ids)), r -> {
      FreshnessRun run = FreshnessRun.read(r);
      out.put(run.uniqueId(), run);
      return null;
    });
    return out;
  }
}
