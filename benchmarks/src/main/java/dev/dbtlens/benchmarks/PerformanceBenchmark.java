package dev.dbtlens.benchmarks;

import dev.dbtlens.DbtLens;
import dev.dbtlens.Performance;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code lens.performance(env)} on {@code models} models built in each of {@code runs} hourly build
 * runs ({@code models x runs} model results), beside a plain-SQL floor over the store tables that
 * computes the same answer: no views, the window resolved on the run table, the same grouping.
 *
 * <p>The history is synthesised in SQL straight into the store tables (one run_results artifact,
 * run id and job id per run; every model in every run with a deterministic pseudo-random time and
 * status: about 0.3% errors, model 7 of every 100 failing 20% of its runs, 0.1% skipped), because
 * generating and ingesting 1,000 manifests of 50k models is beyond this machine. There is no
 * manifest, so {@code mostTestFailedModels} and the critical path are not measured here (the tests
 * measure neither; the critical path reads one run). Windows cover the middle half of the runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PerformanceBenchmark {
  static final String ENV = "bench";
  static final LocalDate FIRST_DAY = LocalDate.parse("2026-01-01");
  private static final String RUNS = """
      WITH runs AS (SELECT invocation_id, job_id FROM store.artifact a JOIN store.run_ids i USING (environment, invocation_id)
                    WHERE environment = 'bench' AND kind = 'run_results' AND (a.command IS NULL OR a.command NOT IN ('compile', 'docs generate', 'show'))
                      AND CAST(a.invocation_started_at AS DATE) BETWEEN CAST(? AS DATE) AND CAST(? AS DATE))
      """;

  @Param({"50000"})
  public int models;

  @Param({"1000"})
  public int runs;

  DbtLens lens;
  Performance perf;
  Connection floor;
  LocalDate start;
  LocalDate end;
  LocalDate middle;
  String someModel;

  @Setup(Level.Trial)
  public void prepare() throws SQLException {
    Path db = BenchData.database("performance-m" + models + "-r" + runs, this::fill);
    lens = DbtLens.openReadOnly(db);
    perf = lens.performance(ENV);
    floor = lens.connection();
    int days = (runs + 23) / 24;
    start = FIRST_DAY.plusDays(days / 4);
    end = FIRST_DAY.plusDays(Math.max(days / 4, days * 3 / 4 - 1));
    middle = start.plusDays(Math.max(0, (end.toEpochDay() - start.toEpochDay()) / 2));
    someModel = modelId(models / 2);
    check();
  }

  static String modelId(int m) {
    return "model.bench.m" + String.format("%07d", m);
  }

  /** Runs and results, synthesised with SQL in the store tables. */
  private void fill(DbtLens l) {
    try (Connection c = l.connection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO store.environment_ids VALUES ('bench', 1, 'assigned')");
      s.execute("""
          INSERT INTO store.artifact (environment, invocation_id, kind, schema_version, dbt_version, generated_at,
            invocation_started_at, elapsed_time, command, job, project_name, adapter_type, file_path, file_size,
            file_sha256, ingested_at)
          SELECT 'bench', 'perf-' || r, 'run_results', 'run-results/v6', '1.9.4',
                 TIMESTAMP '2026-01-01 00:00:00' + to_hours(r) + to_seconds(600 + r %% 7 * 10),
                 TIMESTAMP '2026-01-01 00:00:00' + to_hours(r), 600 + r %% 7 * 10, 'build',
                 CASE WHEN r %% 4 = 0 THEN 'nightly' ELSE 'hourly' END, 'bench', 'duckdb',
                 'run_results-' || r || '.json', 1, md5('perf-' || r), TIMESTAMP '2026-06-01 00:00:00'
          FROM range(%d) t(r)""".formatted(runs));
      s.execute("""
          INSERT INTO store.run_ids
          SELECT 'bench', 'perf-' || r, r + 1, CASE WHEN r %% 4 = 0 THEN 2 ELSE 1 END,
                 CASE WHEN r %% 4 = 0 THEN 'nightly' ELSE 'hourly' END, 'assigned'
          FROM range(%d) t(r)""".formatted(runs));
      BenchData.log("performance: " + runs + " runs written; writing " + (long) models * runs + " results");
      s.execute("""
          INSERT INTO store.run_result (environment, invocation_id, result_index, unique_id, status, status_raw,
            execution_time, thread_id, execute_started_at, execute_completed_at, adapter_response, generated_at)
          SELECT 'bench', 'perf-' || r, m, 'model.bench.m' || lpad(m::VARCHAR, 7, '0'), st, st, secs,
                 'Thread-' || (m %% 8 + 1),
                 TIMESTAMP '2026-01-01 00:00:00' + to_hours(r) + to_milliseconds(m * 11),
                 TIMESTAMP '2026-01-01 00:00:00' + to_hours(r) + to_milliseconds(m * 11 + CAST(secs * 1000 AS BIGINT)),
                 NULL, TIMESTAMP '2026-01-01 00:00:00' + to_hours(r) + to_seconds(600 + r %% 7 * 10)
          FROM (
            SELECT r, m, h,
                   CASE WHEN h %% 1000 = 999 THEN 'skipped'
                        WHEN h %% 1000 < 3 OR (m %% 100 = 7 AND h %% 100 < 20) THEN 'error'
                        ELSE 'success' END AS st,
                   (0.5 + (hash(m) %% 1000) / 100.0) * (0.8 + (h %% 400) / 1000.0) AS secs
            FROM (SELECT r, m, hash(m, r) AS h FROM range(%d) t1(r), range(%d) t2(m)))""".formatted(runs, models));
      s.execute("CHECKPOINT");
    } catch (SQLException e) {
      throw new IllegalStateException("synthesising the performance history", e);
    }
  }

  /** dbtlens and its floors must give the same answers. */
  private void check() throws SQLException {
    List<String> lensIds = perf.mostExecutedModels(start, end, 5, 5).stream()
        .map(c -> c.uniqueId() + "=" + c.totalExecutions()).toList();
    List<String> floorIds = new ArrayList<>();
    for (Object[] row : floorMostExecutedRows()) {
      String s = row[0] + "=" + row[1];
      if (!floorIds.contains(s)) {
        floorIds.add(s);
      }
    }
    same("mostExecutedModels", lensIds, floorIds);
    same("mostExecutionFailedModels",
        perf.mostExecutionFailedModels(start, end, 5).stream().map(f -> f.uniqueId() + "=" + f.totalFailedExecutions()).toList(),
        floorMostFailedRows().stream().map(r -> r[0] + "=" + r[2]).toList());
    same("longestExecutedModels",
        perf.longestExecutedModels(start, end, 5, null, Performance.Aggregation.AVG, 5).stream()
            .map(Performance.ExecutionTime::uniqueId).distinct().toList(),
        floorLongestRows().stream().map(r -> (String) r[0]).distinct().toList());
    same("dailyTotals", perf.dailyTotals(start, end).stream().map(d -> d.date() + "=" + d.nodesExecuted()).toList(),
        floorDailyRows().stream().map(r -> r[0] + "=" + r[2]).toList());
    same("modelExecutionHistory", List.of(perf.modelExecutionHistory(someModel, start, end).stream()
            .mapToInt(d -> d.executionTimes().size()).sum()),
        List.of(floorHistoryRows().size()));
    same("trends", perf.trends(new Performance.Window(start, middle), new Performance.Window(middle.plusDays(1), end), 10, 1)
            .stream().map(Performance.Trend::uniqueId).toList(),
        floorTrendRows().stream().map(r -> (String) r[0]).toList());
  }

  private static void same(String what, List<?> lens, List<?> floor) {
    if (!lens.equals(floor)) {
      throw new IllegalStateException(what + ": dbtlens " + lens + " but the floor " + floor);
    }
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    floor.close();
    lens.close();
  }

  @Benchmark
  public Object lensMostExecuted() {
    return perf.mostExecutedModels(start, end, 5, 5);
  }

  @Benchmark
  public Object floorMostExecuted() throws SQLException {
    return floorMostExecutedRows();
  }

  @Benchmark
  public Object lensLongest() {
    return perf.longestExecutedModels(start, end, 5, null, Performance.Aggregation.AVG, 5);
  }

  @Benchmark
  public Object floorLongest() throws SQLException {
    return floorLongestRows();
  }

  @Benchmark
  public Object lensMostFailed() {
    return perf.mostExecutionFailedModels(start, end, 5);
  }

  @Benchmark
  public Object floorMostFailed() throws SQLException {
    return floorMostFailedRows();
  }

  @Benchmark
  public Object lensHistory() {
    return perf.modelExecutionHistory(someModel, start, end);
  }

  @Benchmark
  public Object floorHistory() throws SQLException {
    return floorHistoryRows();
  }

  @Benchmark
  public Object lensTrends() {
    return perf.trends(new Performance.Window(start, middle), new Performance.Window(middle.plusDays(1), end), 10, 1);
  }

  @Benchmark
  public Object floorTrends() throws SQLException {
    return floorTrendRows();
  }

  @Benchmark
  public Object lensDailyTotals() {
    return perf.dailyTotals(start, end);
  }

  @Benchmark
  public Object floorDailyTotals() throws SQLException {
    return floorDailyRows();
  }

  List<Object[]> floorMostExecutedRows() throws SQLException {
    return rows(RUNS + """
        , e AS (SELECT r.unique_id, runs.job_id, count(*) AS n FROM store.run_result r JOIN runs USING (invocation_id)
                WHERE r.environment = 'bench' AND starts_with(r.unique_id, 'model.') AND r.status NOT IN ('skipped', 'no-op')
                GROUP BY ALL),
        t AS (SELECT unique_id, sum(n) AS total FROM e GROUP BY unique_id ORDER BY total DESC, unique_id LIMIT 5)
        SELECT t.unique_id, t.total, e.job_id, e.n FROM t JOIN e USING (unique_id)
        ORDER BY t.total DESC, t.unique_id, e.n DESC, e.job_id""", 4, start, end);
  }

  List<Object[]> floorLongestRows() throws SQLException {
    return rows(RUNS + """
        , e AS (SELECT r.unique_id, runs.job_id, r.execution_time FROM store.run_result r JOIN runs USING (invocation_id)
                WHERE r.environment = 'bench' AND starts_with(r.unique_id, 'model.') AND r.status NOT IN ('skipped', 'no-op')),
        t AS (SELECT unique_id, avg(execution_time) AS a FROM e GROUP BY unique_id ORDER BY a DESC, unique_id LIMIT 5)
        SELECT t.unique_id, t.a, e.job_id, max(e.execution_time), avg(e.execution_time)
        FROM t JOIN e USING (unique_id) GROUP BY t.unique_id, t.a, e.job_id
        ORDER BY t.a DESC, t.unique_id, avg(e.execution_time) DESC, e.job_id""", 5, start, end);
  }

  List<Object[]> floorMostFailedRows() throws SQLException {
    return rows(RUNS + """
        SELECT r.unique_id, count(*) AS total, count(*) FILTER (WHERE r.status IN ('error', 'runtime error')) AS failed
        FROM store.run_result r JOIN runs USING (invocation_id)
        WHERE r.environment = 'bench' AND starts_with(r.unique_id, 'model.') AND r.status NOT IN ('skipped', 'no-op')
        GROUP BY r.unique_id HAVING failed > 0 ORDER BY failed / total DESC, failed DESC, r.unique_id LIMIT 5""",
        3, start, end);
  }

  List<Object[]> floorHistoryRows() throws SQLException {
    return rows(RUNS + """
        SELECT runs.job_id, r.invocation_id, r.execution_time, r.status, r.execute_started_at
        FROM store.run_result r JOIN runs USING (invocation_id)
        WHERE r.environment = 'bench' AND r.unique_id = ? AND r.status NOT IN ('skipped', 'no-op')
        ORDER BY r.execute_started_at""", 5, start, end, someModel);
  }

  List<Object[]> floorTrendRows() throws SQLException {
    return rows(RUNS.replace("BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)", "BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)")
        .replace("SELECT invocation_id, job_id", "SELECT invocation_id, CAST(a.invocation_started_at AS DATE) <= CAST(? AS DATE) AS in_base") + """
        , m AS (SELECT r.unique_id, avg(r.execution_time) FILTER (WHERE in_base) AS b, avg(r.execution_time) FILTER (WHERE NOT in_base) AS c
                FROM store.run_result r JOIN runs USING (invocation_id)
                WHERE r.environment = 'bench' AND starts_with(r.unique_id, 'model.') AND r.status = 'success'
                GROUP BY r.unique_id)
        SELECT unique_id, (c - b) / b * 100 AS g FROM m WHERE b > 0 AND (c - b) / b * 100 > 10 ORDER BY g DESC, unique_id""",
        2, middle, start, end);
  }

  List<Object[]> floorDailyRows() throws SQLException {
    return rows("""
        WITH runs AS (SELECT invocation_id, CAST(invocation_started_at AS DATE) AS d, elapsed_time FROM store.artifact
                      WHERE environment = 'bench' AND kind = 'run_results'
                        AND CAST(invocation_started_at AS DATE) BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)),
        n AS (SELECT runs.d, count(*) FILTER (WHERE r.status NOT IN ('skipped', 'no-op')) AS nodes
              FROM store.run_result r JOIN runs USING (invocation_id) WHERE r.environment = 'bench' GROUP BY runs.d),
        t AS (SELECT d, count(*) AS runs, sum(elapsed_time) AS secs FROM runs GROUP BY d)
        SELECT t.d, t.runs, n.nodes, t.secs FROM t JOIN n USING (d) ORDER BY t.d""", 4, start, end);
  }

  private List<Object[]> rows(String sql, int columns, Object... params) throws SQLException {
    try (PreparedStatement s = floor.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i] instanceof LocalDate d ? d.toString() : params[i]);
      }
      List<Object[]> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Object[] row = new Object[columns];
          for (int c = 0; c < columns; c++) {
            row[c] = r.getObject(c + 1);
          }
          out.add(row);
        }
      }
      return out;
    }
  }
}
