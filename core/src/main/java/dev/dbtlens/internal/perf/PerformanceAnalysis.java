package dev.dbtlens.internal.perf;

import dev.dbtlens.Performance;
import dev.dbtlens.Performance.Aggregation;
import dev.dbtlens.Performance.Day;
import dev.dbtlens.Performance.DayTotals;
import dev.dbtlens.Performance.Execution;
import dev.dbtlens.Performance.ExecutionCount;
import dev.dbtlens.Performance.ExecutionTime;
import dev.dbtlens.Performance.FailureRate;
import dev.dbtlens.Performance.Job;
import dev.dbtlens.Performance.JobCount;
import dev.dbtlens.Performance.JobExecutions;
import dev.dbtlens.Performance.JobTime;
import dev.dbtlens.Performance.JobTotals;
import dev.dbtlens.Performance.TestFailureRate;
import dev.dbtlens.Performance.Trend;
import dev.dbtlens.Performance.Window;
import dev.dbtlens.internal.store.Store;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The queries behind {@link Performance}, over the views of {@code views-perf.sql}. Dates are bound
 * as text and cast, so that the JDBC driver's date handling (and the JVM's time zone) play no part.
 */
public final class PerformanceAnalysis {
  private static final String WINDOW = "run_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)";
  private static final String FAILED = "('error', 'runtime error')";

  private final Store store;
  private final String environment;

  /**
   * @param store the database
   * @param environment an environment the database holds
   */
  public PerformanceAnalysis(Store store, String environment) {
    this.store = store;
    this.environment = environment;
  }

  public String environment() {
    return environment;
  }

  private static String day(LocalDate d, String what) {
    return Objects.requireNonNull(d, what).toString();
  }

  /** One execution row of modelExecutionHistory. */
  private record HistoryRow(LocalDate date, long jobId, Execution execution) {}

  public List<Day> history(String uniqueId, LocalDate start, LocalDate end) {
    List<HistoryRow> rows = Rows.list(store, "the execution history of " + uniqueId, """
        SELECT run_date, job_id, run_id, invocation_id, run_started_at, execution_time, status,
               is_full_refresh, execute_started_at, adapter_type, query_id
        FROM build_executions
        WHERE environment = ? AND unique_id = ? AND executed AND %s
        ORDER BY run_date, run_started_at, invocation_id, result_index""".formatted(WINDOW),
        r -> new HistoryRow(Rows.date(r, "run_date"), r.getLong("job_id"), new Execution(r.getLong("run_id"),
            r.getString("invocation_id"), Rows.instant(r, "run_started_at"), r.getDouble("execution_time"),
            r.getString("status"), r.getBoolean("is_full_refresh"), Rows.instant(r, "execute_started_at"),
            r.getString("adapter_type"), r.getString("query_id"))),
        environment, uniqueId, day(start, "start"), day(end, "end"));
    Map<LocalDate, Map<Long, List<Execution>>> byDay = new LinkedHashMap<>();
    Map<LocalDate, List<Double>> timesByDay = new LinkedHashMap<>();
    for (HistoryRow row : rows) {
      byDay.computeIfAbsent(row.date(), d -> new java.util.TreeMap<>())
          .computeIfAbsent(row.jobId(), j -> new ArrayList<>()).add(row.execution());
      timesByDay.computeIfAbsent(row.date(), d -> new ArrayList<>()).add(row.execution().executionTime());
    }
    List<Day> out = new ArrayList<>();
    byDay.forEach((date, jobs) -> {
      List<JobExecutions> perJob = new ArrayList<>();
      jobs.forEach((jobId, executions) -> {
        List<Double> times = executions.stream().map(Execution::executionTime).toList();
        perJob.add(new JobExecutions(jobId, mean(times), times, executions));
      });
      List<Double> all = timesByDay.get(date);
      out.add(new Day(date, mean(all), all, perJob));
    });
    return out;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  public List<ExecutionCount> mostExecuted(LocalDate start, LocalDate end, int limit, int jobLimit) {
    Map<String, ExecutionCount> out = new LinkedHashMap<>();
    Map<String, List<JobCount>> jobs = new LinkedHashMap<>();
    Rows.list(store, "the most executed models", """
        WITH e AS (
          SELECT unique_id, job_id, count(*) AS n FROM build_executions
          WHERE environment = ? AND starts_with(unique_id, 'model.') AND executed AND %s
          GROUP BY unique_id, job_id),
        t AS (
          SELECT unique_id, sum(n) AS total FROM e GROUP BY unique_id
          ORDER BY total DESC, unique_id LIMIT ?)
        SELECT t.unique_id, t.total, e.job_id, e.n
        FROM t JOIN e ON e.unique_id = t.unique_id
        ORDER BY t.total DESC, t.unique_id, e.n DESC, e.job_id""".formatted(WINDOW),
        r -> {
          String id = r.getString("unique_id");
          List<JobCount> list = jobs.computeIfAbsent(id, k -> new ArrayList<>());
          if (list.size() < jobLimit) {
            list.add(new JobCount(r.getLong("job_id"), r.getLong("n")));
          }
          out.put(id, new ExecutionCount(id, r.getLong("total"), List.of()));
          return null;
        },
        environment, day(start, "start"), day(end, "end"), limit);
    return out.values().stream()
        .map(c -> new ExecutionCount(c.uniqueId(), c.totalExecutions(), jobs.get(c.uniqueId()))).toList();
  }

  public List<ExecutionTime> longest(LocalDate start, LocalDate end, int limit, Long jobId, Aggregation order,
      int jobLimit) {
    String rank = order == Aggregation.AVG ? "avg_time" : "max_time";
    Map<String, ExecutionTime> totals = new LinkedHashMap<>();
    Map<String, List<JobTime>> jobs = new LinkedHashMap<>();
    Rows.list(store, "the longest executed models", """
        WITH e AS (
          SELECT unique_id, job_id, execution_time FROM build_executions
          WHERE environment = ? AND starts_with(unique_id, 'model.') AND executed AND %s
            AND (CAST(? AS BIGINT) IS NULL OR job_id = CAST(? AS BIGINT))),
        t AS (
          SELECT unique_id, max(execution_time) AS max_time, avg(execution_time) AS avg_time
          FROM e GROUP BY unique_id ORDER BY %s DESC, unique_id LIMIT ?),
        j AS (
          SELECT unique_id, job_id, max(execution_time) AS max_time, avg(execution_time) AS avg_time
          FROM e WHERE unique_id IN (SELECT unique_id FROM t) GROUP BY unique_id, job_id)
        SELECT t.unique_id, t.max_time, t.avg_time, j.job_id, j.max_time AS job_max, j.avg_time AS job_avg
        FROM t JOIN j ON j.unique_id = t.unique_id
        ORDER BY t.%s DESC, t.unique_id, j.%s DESC, j.job_id""".formatted(WINDOW, rank, rank, rank),
        r -> {
          String id = r.getString("unique_id");
          totals.putIfAbsent(id, new ExecutionTime(id, r.getDouble("max_time"), r.getDouble("avg_time"), List.of()));
          List<JobTime> list = jobs.computeIfAbsent(id, k -> new ArrayList<>());
          if (list.size() < jobLimit) {
            list.add(new JobTime(r.getLong("job_id"), r.getDouble("job_max"), r.getDouble("job_avg")));
          }
          return null;
        },
        environment, day(start, "start"), day(end, "end"), jobId, jobId, limit);
    return totals.values().stream().map(t -> new ExecutionTime(t.uniqueId(), t.maxExecutionTime(),
        t.averageExecutionTime(), jobs.get(t.uniqueId()))).toList();
  }

  public List<FailureRate> mostFailed(LocalDate start, LocalDate end, int limit) {
    return Rows.list(store, "the most failing models", """
        SELECT unique_id, count(*) AS total, count(*) FILTER (WHERE status IN %s) AS failed
        FROM build_executions
        WHERE environment = ? AND starts_with(unique_id, 'model.') AND executed AND %s
        GROUP BY unique_id HAVING failed > 0
        ORDER BY failed / total DESC, failed DESC, unique_id LIMIT ?""".formatted(FAILED, WINDOW),
        r -> new FailureRate(r.getString("unique_id"), percent(r.getLong("failed"), r.getLong("total")),
            r.getLong("total"), r.getLong("failed")),
        environment, day(start, "start"), day(end, "end"), limit);
  }

  static double percent(long part, long whole) {
    return whole == 0 ? 0 : part * 100.0 / whole;
  }

  public List<TestFailureRate> mostTestFailed(LocalDate start, LocalDate end, int limit) {
    return Rows.list(store, "the models with most test failures", """
        WITH tested AS (
          SELECT DISTINCT unique_id AS test_id, unnest(CASE WHEN attached_node IS NOT NULL THEN [attached_node]
                 ELSE depends_on_nodes END) AS model_id
          FROM nodes WHERE environment = ? AND resource_type = 'test'),
        runs AS (
          SELECT t.model_id, e.invocation_id, bool_or(e.status IN ('fail', 'error', 'runtime error')) AS failed
          FROM build_executions e JOIN tested t ON t.test_id = e.unique_id
          WHERE e.environment = ? AND e.resource_type = 'test' AND e.executed AND %s
            AND t.model_id LIKE 'model.%%'
          GROUP BY t.model_id, e.invocation_id)
        SELECT model_id, count(*) AS total_runs, count(*) FILTER (WHERE failed) AS failed_runs
        FROM runs GROUP BY model_id HAVING failed_runs > 0
        ORDER BY failed_runs / total_runs DESC, failed_runs DESC, model_id LIMIT ?""".formatted(WINDOW),
        r -> new TestFailureRate(r.getString("model_id"), percent(r.getLong("failed_runs"), r.getLong("total_runs")),
            r.getLong("total_runs"), r.getLong("failed_runs")),
        environment, environment, day(start, "start"), day(end, "end"), limit);
  }

  public List<Job> jobs(LocalDate start, LocalDate end, String uniqueId) {
    return Rows.list(store, "the jobs of " + uniqueId, """
        SELECT job_id, arg_max(job, run_started_at) AS name FROM build_executions
        WHERE environment = ? AND unique_id = ? AND executed AND %s
        GROUP BY job_id ORDER BY job_id""".formatted(WINDOW),
        r -> new Job(r.getLong("job_id"), r.getString("name")),
        environment, uniqueId, day(start, "start"), day(end, "end"));
  }

  public List<Trend> trends(Window baseline, Window current, double thresholdPercent, int minExecutions) {
    return Rows.list(store, "execution time trends", """
        WITH w AS (
          SELECT unique_id, execution_time,
                 run_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) AS in_base,
                 run_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) AS in_current
          FROM build_executions
          WHERE environment = ? AND starts_with(unique_id, 'model.') AND status = 'success'),
        m AS (
          SELECT unique_id,
                 avg(execution_time) FILTER (WHERE in_base) AS base_mean, count(*) FILTER (WHERE in_base) AS base_n,
                 avg(execution_time) FILTER (WHERE in_current) AS cur_mean,
                 count(*) FILTER (WHERE in_current) AS cur_n
          FROM w WHERE in_base OR in_current GROUP BY unique_id)
        SELECT unique_id, base_mean, cur_mean, (cur_mean - base_mean) / base_mean * 100 AS growth, base_n, cur_n
        FROM m
        WHERE base_n >= ? AND cur_n >= ? AND base_mean > 0 AND (cur_mean - base_mean) / base_mean * 100 > ?
        ORDER BY growth DESC, unique_id""",
        r -> new Trend(r.getString("unique_id"), r.getDouble("base_mean"), r.getDouble("cur_mean"),
            r.getDouble("growth"), r.getLong("base_n"), r.getLong("cur_n")),
        baseline.start().toString(), baseline.end().toString(), current.start().toString(),
        current.end().toString(), environment, minExecutions, minExecutions, thresholdPercent);
  }

  public List<DayTotals> dailyTotals(LocalDate start, LocalDate end) {
    // straight from the two views with the window applied first, not daily_build_totals (which
    // aggregates every day of the environment before a filter on run_date applies)
    return Rows.list(store, "daily build totals", """
        WITH runs AS (
          SELECT run_date, count(*) AS runs, sum(elapsed_time) AS build_seconds FROM build_runs
          WHERE environment = ? AND %s GROUP BY run_date),
        results AS (
          SELECT run_date,
                 count(*) FILTER (WHERE executed) AS nodes_executed,
                 count(*) FILTER (WHERE executed AND starts_with(unique_id, 'model.')) AS models_executed,
                 count(*) FILTER (WHERE status IN %s) AS errors,
                 count(*) FILTER (WHERE status = 'fail') AS test_failures,
                 sum(execution_time) FILTER (WHERE executed) AS node_seconds
          FROM build_executions WHERE environment = ? AND %s GROUP BY run_date)
        SELECT r.run_date, r.runs, r.build_seconds, coalesce(n.nodes_executed, 0) AS nodes_executed,
               coalesce(n.models_executed, 0) AS models_executed, coalesce(n.errors, 0) AS errors,
               coalesce(n.test_failures, 0) AS test_failures, coalesce(n.node_seconds, 0) AS node_seconds
        FROM runs r LEFT JOIN results n ON n.run_date = r.run_date ORDER BY r.run_date""".formatted(WINDOW, FAILED, WINDOW),
        r -> new DayTotals(Rows.date(r, "run_date"), r.getLong("runs"), r.getDouble("build_seconds"),
            r.getLong("nodes_executed"), r.getLong("models_executed"), r.getLong("errors"),
            r.getLong("test_failures"), r.getDouble("node_seconds")),
        environment, day(start, "start"), day(end, "end"), environment, day(start, "start"), day(end, "end"));
  }

  public List<JobTotals> jobTotals(LocalDate start, LocalDate end) {
    return Rows.list(store, "build totals per job", """
        SELECT job_id, arg_max(job, run_date) AS name, sum(runs) AS runs, sum(build_seconds) AS build_seconds,
               sum(build_seconds) / sum(runs) AS mean_run_seconds, sum(nodes_executed) AS nodes_executed,
               sum(errors) AS errors, sum(test_failures) AS test_failures
        FROM job_daily_build_totals WHERE environment = ? AND %s
        GROUP BY job_id ORDER BY job_id""".formatted(WINDOW),
        r -> new JobTotals(r.getLong("job_id"), r.getString("name"), r.getLong("runs"), r.getDouble("build_seconds"),
            r.getDouble("mean_run_seconds"), r.getLong("nodes_executed"), r.getLong("errors"),
            r.getLong("test_failures")),
        environment, day(start, "start"), day(end, "end"));
  }

  public Performance.CriticalPath criticalPath(String invocationId, Long runId) {
    return new CriticalPathAnalysis(store, environment).compute(invocationId, runId);
  }
}
