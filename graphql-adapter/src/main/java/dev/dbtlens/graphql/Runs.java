package dev.dbtlens.graphql;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Run results and freshness checks over time, and the runs of a job. */
final class Runs {
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
  record Query(String environment, String invocationId, List<String> ids, List<String> types,
      List<String> statuses, Instant since, int perNode, boolean buildsOnly) {}

  private static final NamedSql RESULTS = NamedSql.of("""
      SELECT r.*, i.job, i.elapsed_time AS run_elapsed_time, n.name
      FROM run_results r
      LEFT JOIN invocations i ON i.environment = r.environment AND i.invocation_id = r.invocation_id
      LEFT JOIN nodes n ON n.environment = r.environment AND n.unique_id = r.unique_id
      WHERE (:env IS NULL OR r.environment = :env)
        AND (:invocation IS NULL OR r.invocation_id = :invocation)
        AND (:ids IS NULL OR list_contains(:ids, r.unique_id) OR list_contains(:ids, n.name)
             OR list_contains(:ids, n.alias))
        AND (:types IS NULL OR list_contains(:types, r.resource_type))
        AND (:statuses IS NULL OR list_contains(:statuses, r.status))
        AND (:since IS NULL OR r.generated_at >= CAST(:since AS TIMESTAMP))
        AND (NOT :buildsOnly OR r.command IS NULL
             OR r.command IN ('build', 'run', 'seed', 'snapshot', 'test', 'retry'))
      QUALIFY row_number() OVER (PARTITION BY r.environment, r.unique_id
                                 ORDER BY r.generated_at DESC, r.result_index DESC) <= :perNode
      ORDER BY r.environment, r.unique_id, r.generated_at DESC, r.result_index DESC""");

  static List<RunRow> results(Request request, Query q) {
    Map<String, Object> p = new HashMap<>();
    p.put("env", q.environment());
    p.put("invocation", q.invocationId());
    p.put("ids", q.ids());
    p.put("types", q.types());
    p.put("statuses", q.statuses());
    p.put("since", timestamp(q.since()));
    p.put("perNode", q.perNode());
    p.put("buildsOnly", q.buildsOnly());
    return request.db().list(RESULTS, p, RunRow::read);
  }

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

  static List<FreshnessRun> freshness(Request request, String environment, String invocationId,
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

  private static final NamedSql JOB = NamedSql.of("""
      SELECT environment, invocation_id, job, command, dbt_version, generated_at, elapsed_time, artifacts
      FROM invocations
      WHERE (:env IS NULL OR environment = :env)
        AND (CASE WHEN :runId IS NULL THEN job = :job ELSE invocation_id = :runId END)
      ORDER BY generated_at DESC NULLS LAST, environment
      LIMIT 1""");

  /**
   * @param environmentId an environment id or name, or null for all
   * @param jobId a numeric job id or a job label
   * @param runId a numeric run id or an invocation id, or null for the job's latest run
   * @return the run, or null
   */
  static RunRef job(Request request, Object environmentId, Object jobId, Object runId) {
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
      Ids.Run run = number == null ? null : request.runs().run(number);
      if (number != null && run == null) {
        return null;
      }
      invocation = run != null ? run.invocationId() : String.valueOf(runId);
      environment = run != null ? run.environment() : environment;
    }
    Long jobNumber = Ids.number(jobId);
    String job = jobNumber != null ? request.runs().jobLabel(jobNumber) : String.valueOf(jobId);
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
  static List<RunRef> latest(Request request, String environment, int limit) {
    return request.db().list(RUNS, Map.of("env", environment, "limit", limit), RunRef::read);
  }

  private static String timestamp(Instant t) {
    return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString().replace('T', ' ');
  }
}
