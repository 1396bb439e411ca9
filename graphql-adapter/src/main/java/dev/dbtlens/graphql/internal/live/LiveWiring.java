package dev.dbtlens.graphql.internal.live;

import dev.dbtlens.graphql.internal.environment.EnvironmentRef;
import dev.dbtlens.graphql.internal.execution.NamedSql;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.execution.Row;
import dev.dbtlens.graphql.internal.run.RunRef;
import dev.dbtlens.graphql.internal.scalars.Args;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires {@code Environment.liveRuns}, {@code LiveRun.nodes}, {@code LiveRun.warnings}, {@code
 * JobNode.liveRun} and {@code Environment.alerts}.
 */
public final class LiveWiring {
  private static final NamedSql RUNS = NamedSql.of("SELECT * FROM live_runs WHERE environment = :env"
      + " AND (:status IS NULL OR status = :status) ORDER BY started_at DESC NULLS LAST, invocation_id"
      + " LIMIT :first");
  private static final NamedSql NODES = NamedSql.of("SELECT * FROM node_events WHERE environment = :env"
      + " AND invocation_id = :inv ORDER BY started_at NULLS LAST, node_index NULLS LAST, unique_id");
  private static final NamedSql RUN = NamedSql.of("SELECT * FROM live_runs WHERE environment = :env"
      + " AND invocation_id = :inv");
  private static final NamedSql WARNINGS = NamedSql.of("SELECT * FROM log_warnings WHERE environment = :env"
      + " AND invocation_id = :inv AND (:node IS NULL OR unique_id = :node)"
      + " AND (:kind IS NULL OR kind = :kind) ORDER BY ts NULLS LAST, event_name, unique_id NULLS FIRST");
  private static final NamedSql ALERTS = NamedSql.of("SELECT * FROM alerts WHERE environment = :env"
      + " ORDER BY alert_id DESC LIMIT :first");

  private LiveWiring() { }

  /** @param wiring the schema's wiring */
  public static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Environment", t -> t
        .dataFetcher("liveRuns", LiveWiring::runs)
        .dataFetcher("alerts", LiveWiring::alerts));
    wiring.type("LiveRun", t -> t.dataFetcher("nodes", LiveWiring::nodes)
        .dataFetcher("warnings", LiveWiring::warnings));
    wiring.type("JobNode", t -> t.dataFetcher("liveRun", LiveWiring::jobRun));
  }

  private static int first(DataFetchingEnvironment env, int fallback, String field) {
    Integer first = Args.of(env.getArguments()).integer("first");
    int max = Request.of(env).limits().maxPageSize();
    if (first != null && (first < 0 || first > max)) {
      throw new IllegalArgumentException("Argument 'first' of '" + field + "' is " + first
          + "; it must be between 0 and " + max + " (the page size limit).");
    }
    return first == null ? fallback : first;
  }

  private static List<Map<String, Object>> runs(DataFetchingEnvironment env) {
    EnvironmentRef e = env.getSource();
    Map<String, Object> params = new HashMap<>();
    params.put("env", e.name());
    params.put("status", env.getArgument("status"));
    params.put("first", first(env, 20, "liveRuns"));
    return Request.of(env).db().list(RUNS, params, LiveWiring::run);
  }

  /** {@code JobNode.liveRun}: the live_runs row of the job's run, or null. */
  private static Map<String, Object> jobRun(DataFetchingEnvironment env) {
    RunRef run = env.getSource();
    Map<String, Object> params = new HashMap<>();
    params.put("env", run.environmentId());
    params.put("inv", run.runId());
    List<Map<String, Object>> found = Request.of(env).db().list(RUN, params, LiveWiring::run);
    return found.isEmpty() ? null : found.get(0);
  }

  private static Map<String, Object> run(Row r) throws java.sql.SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("environment", r.str("environment"));
    m.put("invocationId", r.str("invocation_id"));
    m.put("status", r.str("status"));
    m.put("command", r.str("command"));
    m.put("invocationCommand", r.str("invocation_command"));
    m.put("dbtVersion", r.str("dbt_version"));
    m.put("startedAt", r.instant("started_at"));
    m.put("finishedAt", r.instant("finished_at"));
    m.put("lastEventAt", r.instant("last_event_at"));
    m.put("elapsedSeconds", r.dbl("elapsed"));
    m.put("threads", r.integer("threads"));
    m.put("nodesTotal", r.lng("nodes_total"));
    m.put("nodesFinished", r.lng("nodes_finished"));
    m.put("nodesRunning", r.lng("nodes_running"));
    m.put("nodesQueued", r.lng("nodes_queued"));
    m.put("nodesFailed", r.lng("nodes_failed"));
    m.put("nodesSkipped", r.lng("nodes_skipped"));
    m.put("progress", r.dbl("progress"));
    m.put("etaSeconds", r.dbl("eta_seconds"));
    m.put("hasRunResults", r.bool("has_run_results"));
    m.put("runId", r.lng("run_id"));
    m.put("jobId", r.lng("job_id"));
    return m;
  }

  private static List<Map<String, Object>> warnings(DataFetchingEnvironment env) {
    Map<String, Object> run = env.getSource();
    Map<String, Object> params = new HashMap<>();
    params.put("env", run.get("environment"));
    params.put("inv", run.get("invocationId"));
    params.put("node", env.getArgument("uniqueId"));
    params.put("kind", env.getArgument("kind"));
    return Request.of(env).db().list(WARNINGS, params, r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("uniqueId", r.str("unique_id"));
      m.put("eventName", r.str("event_name"));
      m.put("kind", r.str("kind"));
      m.put("level", r.str("level"));
      m.put("loggedAt", r.instant("ts"));
      m.put("message", r.str("message"));
      return m;
    });
  }

  private static List<Map<String, Object>> nodes(DataFetchingEnvironment env) {
    Map<String, Object> run = env.getSource();
    Map<String, Object> params = new HashMap<>();
    params.put("env", run.get("environment"));
    params.put("inv", run.get("invocationId"));
    return Request.of(env).db().list(NODES, params, r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("uniqueId", r.str("unique_id"));
      m.put("resourceType", r.str("resource_type"));
      m.put("status", r.str("status"));
      m.put("thread", r.str("thread"));
      m.put("startedAt", r.instant("started_at"));
      m.put("finishedAt", r.instant("finished_at"));
      m.put("executionTime", r.dbl("execution_time"));
      m.put("message", r.str("message"));
      m.put("source", r.str("source"));
      m.put("executeStartedAt", r.instant("execute_started_at"));
      m.put("executeCompletedAt", r.instant("execute_completed_at"));
      return m;
    });
  }

  private static List<Map<String, Object>> alerts(DataFetchingEnvironment env) {
    EnvironmentRef e = env.getSource();
    Map<String, Object> params = new HashMap<>();
    params.put("env", e.name());
    params.put("first", first(env, 50, "alerts"));
    return Request.of(env).db().list(ALERTS, params, r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.lng("alert_id"));
      m.put("invocationId", r.str("invocation_id"));
      m.put("uniqueId", r.str("unique_id"));
      m.put("resourceType", r.str("resource_type"));
      m.put("kind", r.str("kind"));
      m.put("severity", r.str("severity"));
      m.put("status", r.str("status"));
      m.put("previousStatus", r.str("previous_status"));
      m.put("executionTime", r.dbl("execution_time"));
      m.put("baselineTime", r.dbl("baseline_time"));
      m.put("message", r.str("message"));
      m.put("detectedAt", r.instant("detected_at"));
      m.put("ruleName", r.str("rule_name"));
      m.put("category", r.str("category"));
      m.put("violationId", r.str("violation_id"));
      return m;
    });
  }
}
