package dev.dbtlens.graphql.internal.run;

import dev.dbtlens.RunResult;
import dev.dbtlens.graphql.internal.environment.EnvironmentRef;
import dev.dbtlens.graphql.internal.environment.Environments;
import dev.dbtlens.graphql.internal.environment.Ids;
import dev.dbtlens.graphql.internal.execution.Db;
import dev.dbtlens.graphql.internal.execution.NamedSql;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.execution.Row;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Run results and freshness checks over time, and the runs of a job. */
public final class Runs {
  private Runs() {}

  /**
   * Which results to read. Null fields do not filter.
   *
   * @param environment the environment, or null for every one
   * @param invocationId one run only, or null
   * @param ids unique ids, names or aliases
   * @param types dbt resource types
   * @param statuses dbt statuses (lower case)
   * @param since results generated at or after
   * @param perNode at most this many per node, newest first
   * @param buildsOnly leave out compile, docs generate and show
   */
  public record Query(String environment, String invocationId, List<String> ids, List<String> types,
      List<String> statuses, Instant since, int perNode, boolean buildsOnly) {}

  /**
   * Where a result has no timing (run_results written without it), the timing its invocation's
   * structured log gave ({@code store.live_node}, docs/live.md).
   */
  private static final NamedSql RESULTS = NamedSql.of("""
      SELECT r.* REPLACE (
               coalesce(r.compile_started_at, ln.compile_started_at) AS compile_started_at,
               coalesce(r.compile_completed_at, ln.compile_completed_at) AS compile_completed_at,
               coalesce(r.execute_started_at, ln.execute_started_at) AS execute_started_at,
               coalesce(r.execute_completed_at, ln.execute_completed_at) AS execute_completed_at,
               coalesce(r.execution_time, ln.execution_time) AS execution_time),
             i.job, i.elapsed_time AS run_elapsed_time, n.name
      FROM run_results r
      LEFT JOIN invocations i ON i.environment = r.environment AND i.invocation_id = r.invocation_id
      LEFT JOIN nodes n ON n.environment = r.environment AND n.unique_id = r.unique_id
      LEFT JOIN store.live_node ln ON ln.environment = r.environment
        AND ln.invocation_id = r.invocation_id AND ln.unique_id = r.unique_id
      WHERE (:env IS NULL OR r.environment = :env)
        AND (:invocation IS NULL OR r.invocation_id = :invocation)
        AND (:ids IS NULL OR list_contains(:ids, r.unique_id) OR list_contains(:ids, n.name)
             OR list_contains(:ids, n.alias))
        AND (:types IS NULL OR list_contains(:types, r.resource_type))
        AND (:statuses IS NULL OR list_contains(:statuses, r.status))
        AND (:since IS NULL OR r.generated_at >= CAST(:since AS TIMESTAMP))
        AND (NOT :buildsOnly OR r.command IS NULL OR r.command NOT IN ({nonBuilds}))
      QUALIFY row_number() OVER (PARTITION BY r.environment, r.unique_id
                                 ORDER BY r.generated_at DESC, r.result_index DESC) <= :perNode
      ORDER BY r.environment, r.unique_id, r.generated_at DESC, r.result_index DESC"""
      .replace("{nonBuilds}", RunResult.NON_BUILD_COMMANDS.stream().sorted()
          .map(c -> "'" + c + "'").collect(Collectors.joining(", "))));

  public static List<RunRow> results(Request request, Query q) {
    Map<String, Object> p = new HashMap<>();
    p.put("env", q.environment());
    p.put("invocation", q.invocationId());
    p.put("ids", q.ids());
    p.put("types", q.types());
    p.put("statuses", q.statuses());
    p.put("since", timestamp(q.since()));
    p.put("perNode", q.perNode());
    p.put("buildsOnly", q.buildsOnly());
    List<RunRow> rows = request.db().list(RESULTS, p, RunRow::read);
    if (rows.isEmpty() && q.invocationId() != null) {
      return request.db().list(LIVE_RESULTS, p, RunRow::read);
    }
    return rows;
  }

  /**
   * The nodes of a run known only from its structured log (no run_results yet: in progress, or
   * crashed), as far as the log went: {@code running} nodes with their execution time so far (up
   * to the invocation's latest logged event), finished ones with dbt's status and timings.
   */
  private static final NamedSql LIVE_RESULTS = NamedSql.of("""
      SELECT e.environment, e.unique_id, coalesce(n.name, ln.name) AS name, e.resource_type,
             e.invocation_id, ids.job, ids.job AS command, e.status, e.message,
             CASE WHEN e.status = 'running' AND e.started_at IS NOT NULL
                  THEN greatest(0, round(epoch(i.last_event_at - e.started_at), 6))
                  ELSE e.execution_time END AS execution_time,
             e.thread AS thread_id, e.compile_started_at, e.compile_completed_at,
             e.execute_started_at, e.execute_completed_at, NULL::TIMESTAMP AS generated_at,
             coalesce(i.elapsed, epoch(i.last_event_at - i.started_at)) AS run_elapsed_time,
             e.rows_affected, e.failures, e.adapter_response, ln.relation_name
      FROM node_events e
      JOIN store.live_invocation i ON i.environment = e.environment AND i.invocation_id = e.invocation_id
      JOIN store.live_node ln ON ln.environment = e.environment AND ln.invocation_id = e.invocation_id
        AND ln.unique_id = e.unique_id
      LEFT JOIN store.run_ids ids ON ids.environment = e.environment AND ids.invocation_id = e.invocation_id
      LEFT JOIN store.gql_node n ON n.environment = e.environment AND n.unique_id = e.unique_id
      WHERE e.invocation_id = :invocation AND (:env IS NULL OR e.environment = :env) AND e.source = 'log'
        AND (:ids IS NULL OR list_contains(:ids, e.unique_id) OR list_contains(:ids, n.name))
        AND (:types IS NULL OR list_contains(:types, e.resource_type))
        AND (:statuses IS NULL OR list_contains(:statuses, e.status))
      ORDER BY e.environment, e.unique_id""");

  private static final NamedSql FRESHNESS = NamedSql.of("""
      SELECT f.*, i.job, n.name, n.source_name
      FROM source_freshness f
      LEFT JOIN invocations i ON i.environment = f.environment AND i.invocation_id = f.invocation_id
      LEFT JOIN nodes n ON n.environment = f.environment AND n.unique_id = f.unique_id
      WHERE (:env IS NULL OR f.environment = :env)
        AND (:invocation IS NULL OR f.invocation_id = :invocation)
        AND (:ids IS NULL OR list_contains(:ids, f.unique_id) OR list_contains(:ids, n.name))
        AND (:sourceNames IS NULL OR list_contains(:sourceNames, n.source_name))
        AND (:statuses IS NULL OR list_contains(:statuses, f.status))
        AND (:since IS NULL OR f.generated_at >= CAST(:since AS TIMESTAMP))
      QUALIFY row_number() OVER (PARTITION BY f.environment, f.unique_id
                                 ORDER BY f.generated_at DESC, f.result_index) <= :perNode
      ORDER BY f.environment, f.unique_id, f.generated_at DESC, f.result_index""");

  public static List<FreshnessRun> freshness(Request request, String environment, String invocationId,
      List<String> ids, List<String> sourceNames, List<String> statuses, Instant since, int perNode) {
    Map<String, Object> p = new HashMap<>();
    p.put("env", environment);
    p.put("invocation", invocationId);
    p.put("ids", ids);
    p.put("sourceNames", sourceNames);
    p.put("statuses", statuses);
    p.put("since", timestamp(since));
    p.put("perNode", perNode);
    return request.db().list(FRESHNESS, p, FreshnessRun::read);
  }

  /**
   * The runs with artifacts, and those known only from their log (generated_at NULL: a job's latest
   * run is its latest with artifacts; an in-progress run is reached by its run id).
   */
  private static final NamedSql JOB = NamedSql.of("""
      WITH runs AS (
        SELECT environment, invocation_id, job, command, dbt_version, generated_at, elapsed_time, artifacts
        FROM invocations
        UNION ALL
        SELECT l.environment, l.invocation_id, r.job, r.job, l.dbt_version, NULL::TIMESTAMP,
               coalesce(l.elapsed, epoch(l.last_event_at - l.started_at)), []::VARCHAR[]
        FROM store.live_invocation l
        JOIN store.run_ids r ON r.environment = l.environment AND r.invocation_id = l.invocation_id
        WHERE NOT EXISTS (SELECT 1 FROM store.artifact a
                          WHERE a.environment = l.environment AND a.invocation_id = l.invocation_id))
      SELECT environment, invocation_id, job, command, dbt_version, generated_at, elapsed_time, artifacts
      FROM runs
      WHERE (:env IS NULL OR environment = :env)
        AND (CASE WHEN :runId IS NULL THEN job = :job ELSE invocation_id = :runId END)
      ORDER BY generated_at DESC NULLS LAST, environment, invocation_id
      LIMIT 1""");

  /**
   * @param environmentId an environment id or name, or null for all
   * @param jobId a numeric job id or a job label
   * @param runId a numeric run id or an invocation id, or null for the job's latest run
   * @return the run, or null
   */
  public static RunRef job(Request request, Object environmentId, Object jobId, Object runId) {
    String environment = null;
    if (environmentId != null) {
      EnvironmentRef e = Environments.find(request, environmentId);
      if (e == null) {
        return null;
      }
      environment = e.name();
    }
    String invocation = null;
    if (runId != null) {
      Long number = Ids.number(runId);
      Ids.Run run = number == null ? null : Ids.runs(request).run(number);
      if (number != null && run == null) {
        return null;
      }
      invocation = run != null ? run.invocationId() : String.valueOf(runId);
      environment = run != null ? run.environment() : environment;
    }
    Long jobNumber = Ids.number(jobId);
    String job = jobNumber != null ? Ids.runs(request).jobLabel(jobNumber) : String.valueOf(jobId);
    if (invocation == null && job == null) {
      return null;
    }
    Map<String, Object> p = new HashMap<>();
    p.put("env", environment);
    p.put("job", job);
    p.put("runId", invocation);
    List<RunRef> found = request.db().list(JOB, p, RunRef::read);
    return found.isEmpty() ? null : found.get(0);
  }

  private static final NamedSql RUNS = NamedSql.of("""
      SELECT environment, invocation_id, job, command, dbt_version, generated_at, elapsed_time, artifacts
      FROM invocations WHERE environment = :env
      ORDER BY generated_at DESC NULLS LAST, invocation_id
      LIMIT :limit""");

  /** @return the environment's latest runs, newest first */
  public static List<RunRef> latest(Request request, String environment, int limit) {
    return request.db().list(RUNS, Map.of("env", environment, "limit", limit), RunRef::read);
  }

  private static String timestamp(Instant t) {
    return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString().replace('T', ' ');
  }
}
