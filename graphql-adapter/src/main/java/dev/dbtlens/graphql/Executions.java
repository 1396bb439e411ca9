package dev.dbtlens.graphql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Execution info, catalog entries and latest freshness checks of many nodes, one query each. */
final class Executions {
  private Executions() {}

  private static final NamedSql EXECUTION = NamedSql.of("WITH " + Ids.RUN_IDS + """
      ,
      builds AS (
        SELECT r.unique_id, r.invocation_id, r.status, r.message, r.generated_at, r.result_index,
               r.failures, r.execution_time, r.rows_affected, r.thread_id, r.adapter_response,
               r.compile_started_at, r.compile_completed_at, r.execute_started_at,
               r.execute_completed_at, i.job, i.elapsed_time AS run_elapsed_time, ids.run_id, ids.job_id
        FROM run_results r
        LEFT JOIN invocations i ON i.environment = r.environment AND i.invocation_id = r.invocation_id
        LEFT JOIN run_ids ids ON ids.environment = r.environment AND ids.invocation_id = r.invocation_id
        WHERE r.environment = :env AND list_contains(:ids, r.unique_id)
          AND (r.command IS NULL OR r.command IN ('build', 'run', 'seed', 'snapshot', 'test', 'retry'))
      ),
      attempt AS (
        SELECT * FROM builds
        QUALIFY row_number() OVER (PARTITION BY unique_id ORDER BY generated_at DESC, result_index DESC) = 1
      ),
      success AS (
        SELECT * FROM builds WHERE status IN ('success', 'pass')
        QUALIFY row_number() OVER (PARTITION BY unique_id ORDER BY generated_at DESC, result_index DESC) = 1
      )
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
             s.thread_id AS s_thread_id, s.adapter_response AS s_adapter_response
      FROM attempt a
      LEFT JOIN success s ON s.unique_id = a.unique_id""");

  /** @return the execution of each id; {@link ExecutionInfo#NEVER_RUN} for those never built */
  static Map<String, ExecutionInfo> executionInfo(Request request, String environment, Set<String> ids) {
    Map<String, ExecutionInfo> out = new HashMap<>();
    request.db().list(EXECUTION, Map.of("env", environment, "ids", List.copyOf(ids)), r -> {
      out.put(r.str("unique_id"), ExecutionInfo.read(r));
      return null;
    });
    return out;
  }

  private static final NamedSql TEST_STATUSES = NamedSql.of("""
      WITH tested AS (
        SELECT e.parent_id AS unique_id, e.child_id AS test_id
        FROM edges e
        JOIN nodes n ON n.environment = e.environment AND n.unique_id = e.child_id
        WHERE e.environment = :env AND list_contains(:ids, e.parent_id)
          AND n.resource_type IN ('test', 'unit_test')
      ),
      latest AS (
        SELECT unique_id, status FROM run_results
        WHERE environment = :env AND unique_id IN (SELECT test_id FROM tested) AND {builds}
        QUALIFY row_number() OVER (PARTITION BY unique_id ORDER BY generated_at DESC, result_index DESC) = 1
      )
      SELECT t.unique_id, l.status, count(*) AS tests
      FROM tested t JOIN latest l ON l.unique_id = t.test_id
      GROUP BY t.unique_id, l.status ORDER BY t.unique_id, l.status""".replace("{builds}", NodeSql.BUILD_COMMANDS));

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
   * The {@code columns} view's rows of the ids only, read from its tables (the view would join every
   * node of the environment first): the YAML description of each catalog column.
   */
  private static final NamedSql CATALOG = NamedSql.of("""
      WITH declared AS (
        SELECT cn.unique_id, lower(y.column_name) AS column_key, y.description, y.tags, y.meta
        FROM store.current_node cn
        JOIN store.def_column y ON y.def_hash = cn.def_hash
        WHERE cn.environment = :env AND list_contains(:ids, cn.unique_id)
      )
      SELECT c.unique_id, c.database, c.schema, c.name, c.table_type, c.comment, c.owner,
             c.row_count, c.bytes, c.stats, c.catalog_generated_at,
             cc.column_name, cc.column_index, cc.data_type, cc.comment AS column_comment,
             y.description AS column_description, y.tags AS column_tags, y.meta AS column_meta
      FROM catalog c
      LEFT JOIN catalog_columns cc ON cc.environment = c.environment AND cc.unique_id = c.unique_id
      LEFT JOIN declared y ON y.unique_id = c.unique_id AND y.column_key = lower(cc.column_name)
      WHERE c.environment = :env AND list_contains(:ids, c.unique_id)
      ORDER BY c.unique_id, cc.column_index, cc.column_name""");

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
      LEFT JOIN nodes n ON n.environment = f.environment AND n.unique_id = f.unique_id
      WHERE f.environment = :env AND list_contains(:ids, f.unique_id)
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
