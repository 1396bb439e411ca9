package dev.dbtlens.benchmarks;

import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.IngestReport;
import dev.dbtlens.NodeId;
import dev.dbtlens.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Run history: the last {@code runs} results of every model of a project, from {@code
 * invocations} runs, through {@code lens.runHistory(env, model, runs)}, beside the plain SQL that
 * reads the same rows from the run result table. One operation reads the history of every model.
 *
 * <p>The models are every model of the manifest; the few that are never built (ephemeral) have an
 * empty history. The database holds one generated manifest and {@code invocations} copies of its build's
 * run_results.json (every node: models, tests, seeds, snapshots), each under its own invocation id,
 * an hour apart, with execution times scaled by a random factor. It is built once and cached.
 *
 * <ul>
 *   <li>{@code lensRunHistory}: one {@code runHistory} call per model;
 *   <li>{@code floorSqlPerModel}: one prepared statement on one connection, executed per model,
 *       mapped to the same {@code RunResult} records;
 *   <li>{@code floorSqlBatch}: one query for all models ({@code QUALIFY row_number() ... <= runs});
 *   <li>{@code viewSqlPerModel} (a diagnostic, not a floor): the floor's query over the public
 *       {@code run_results} view instead of the store table (what a notebook user writes), prepared
 *       once on one connection;
 *   <li>{@code ingestNextBuild}: a default {@code DbtLens.ingest} of the next build's run results
 *       into a copy of the database holding the {@code invocations} builds: what a CI job pays after
 *       every build once the history is long;
 *   <li>{@code floorIngestNextBuildIntoOne}: the same ingest into a database holding the manifest and
 *       one build. The ratio of the two is what the stored history adds to an ingest (target: at
 *       most 1.5x).
 * </ul>
 *
 * Each measurement is one operation ({@link Mode#SingleShotTime}), which reads the history of every
 * model (1,000 by default) and takes seconds to minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HistoryBenchmark {
  static final String ENV = "bench";
  private static final int BATCH = 25;
  private static final String COLUMNS = "r.environment, r.invocation_id, r.unique_id, r.status, r.execution_time,"
      + " r.thread_id, r.execute_started_at, r.execute_completed_at, r.rows_affected, r.failures, r.message,"
      + " r.generated_at, c.command";
  /** Each run_results file's command, as runHistory reads it (builds only: compiles left out). */
  private static final String COMMANDS = " FROM store.run_result r LEFT JOIN (SELECT invocation_id,"
      + " any_value(command) AS command FROM store.artifact WHERE environment = ? AND kind = 'run_results'"
      + " GROUP BY invocation_id) c USING (invocation_id)";
  private static final String BUILDS = " AND (c.command IS NULL OR c.command NOT IN ('compile', 'docs generate', 'show'))";

  @Param({"1000"})
  public int models;

  @Param({"1000"})
  public int invocations;

  @Param({"20"})
  public int runs;

  DbtLens lens;
  List<String> modelIds;
  Connection floorConnection;
  PreparedStatement perModel;
  PreparedStatement batch;
  PreparedStatement viewPerModel;

  Path historyDb;
  Path oneBuildDb;
  Path nextBuildDir;
  Path nextBuild;

  @Setup(Level.Trial)
  public void prepare() throws SQLException {
    Path db = BenchData.database("history-m" + models + "-i" + invocations + "-s" + BenchData.SEED,
        l -> fill(l, invocations));
    historyDb = db;
    oneBuildDb = BenchData.database("history-m" + models + "-i1-s" + BenchData.SEED, l -> fill(l, 1));
    nextBuildDir = BenchData.tempDir("history-next-");
    nextBuild = nextBuildDir.resolve("run_results.json");
    BenchData.rewrite(BenchData.runResults(models), nextBuild, BenchData.invocationId("history", invocations),
        FIRST.plus(Duration.ofHours(invocations)), new SplittableRandom(BenchData.SEED + 1));
    lens = DbtLens.openReadOnly(db);
    modelIds = lens.nodes(ENV).stream().filter(n -> n.uniqueId().resourceType().equals("model"))
        .map(n -> n.uniqueId().value()).toList();
    floorConnection = lens.connection();
    perModel = floorConnection.prepareStatement("SELECT " + COLUMNS + COMMANDS
        + " WHERE r.environment = ? AND r.unique_id = ?" + BUILDS
        + " ORDER BY r.generated_at DESC NULLS LAST, r.invocation_id DESC LIMIT ?");
    viewPerModel = floorConnection.prepareStatement("SELECT " + COLUMNS.replace("c.command", "r.command")
        + " FROM run_results r WHERE r.environment = ? AND r.unique_id = ?"
        + BUILDS.replace("c.command", "r.command")
        + " ORDER BY r.generated_at DESC NULLS LAST, r.invocation_id DESC LIMIT ?");
    batch = floorConnection.prepareStatement("SELECT " + COLUMNS + COMMANDS
        + " WHERE r.environment = ? AND starts_with(r.unique_id, 'model.')" + BUILDS
        + " QUALIFY row_number() OVER (PARTITION BY r.unique_id"
        + " ORDER BY r.generated_at DESC NULLS LAST, r.invocation_id DESC) <= ?"
        + " ORDER BY r.unique_id, r.generated_at DESC NULLS LAST, r.invocation_id DESC");
    check();
  }

  private static final Instant FIRST = Instant.parse("2026-02-01T00:00:00Z");

  /** The manifest, then {@code count} run_results copies, ingested {@link #BATCH} files at a time. */
  private void fill(DbtLens l, int count) {
    BenchData.ingest(l, ENV, List.of(BenchData.manifest(models)));
    Path source = BenchData.runResults(models);
    Path dir = BenchData.tempDir("history-");
    SplittableRandom random = new SplittableRandom(BenchData.SEED);
    try {
      for (int i = 0; i < count; i += BATCH) {
        List<Path> files = new ArrayList<>();
        for (int k = i; k < Math.min(count, i + BATCH); k++) {
          Path f = dir.resolve("run_results-" + k + ".json");
          BenchData.rewrite(source, f, BenchData.invocationId("history", k),
              FIRST.plus(Duration.ofHours(k)), random);
          files.add(f);
        }
        BenchData.ingest(l, ENV, files);
        files.forEach(f -> f.toFile().delete());
        if ((i / BATCH) % 8 == 0) {
          BenchData.log("history: " + Math.min(count, i + BATCH) + " of " + count + " run_results ingested");
        }
      }
    } finally {
      BenchData.deleteRecursively(dir);
    }
  }

  /** Both sides must return the same rows. */
  private void check() throws SQLException {
    Map<String, List<RunResult>> fromBatch = new LinkedHashMap<>();
    for (RunResult r : batchRows()) {
      fromBatch.computeIfAbsent(r.uniqueId().value(), k -> new ArrayList<>()).add(r);
    }
    long rows = 0;
    for (String id : modelIds) {
      List<RunResult> viaLens = lens.runHistory(ENV, id, runs);
      List<RunResult> viaSql = perModelRows(id);
      if (!viaLens.equals(viaSql) || !viaSql.equals(fromBatch.getOrDefault(id, List.of()))
          || !viaSql.equals(viewRows(id))) {
        throw new IllegalStateException("history of " + id + " differs: dbtlens " + viaLens.size()
            + " rows, floor " + viaSql.size() + " rows, batch floor "
            + fromBatch.getOrDefault(id, List.of()).size() + " rows");
      }
      if (!viaLens.isEmpty() && viaLens.size() != Math.min(runs, invocations)) {
        throw new IllegalStateException("history of " + id + " has " + viaLens.size() + " rows");
      }
      rows += viaLens.size();
    }
    BenchData.log("history: " + modelIds.size() + " models, " + rows + " rows (models never built,"
        + " e.g. ephemeral, have none)");
    if (rows < 0.9 * modelIds.size() * Math.min(runs, invocations)) {
      throw new IllegalStateException("too few models have a history: " + rows + " rows");
    }
  }

  /** A copy of a database per iteration, written by the measured ingest; deleted after it. */
  abstract static class Copy {
    Path dir;
    DbtLens lens;

    void open(Path source) {
      dir = BenchData.tempDir("history-copy-");
      Path db = dir.resolve("lens.duckdb");
      try {
        Files.copy(source, db);
        // written back now, in the setup: the measured ingest should not share the disk with the copy
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      lens = DbtLens.open(db);
    }

    @TearDown(Level.Iteration)
    public void close() {
      lens.close();
      BenchData.deleteRecursively(dir);
    }
  }

  /** The database holding {@code invocations} builds. */
  @State(Scope.Thread)
  public static class WithHistory extends Copy {
    @Setup(Level.Iteration)
    public void open(HistoryBenchmark b) {
      open(b.historyDb);
    }
  }

  /** The database holding one build. */
  @State(Scope.Thread)
  public static class WithOneBuild extends Copy {
    @Setup(Level.Iteration)
    public void open(HistoryBenchmark b) {
      open(b.oneBuildDb);
    }
  }

  @Benchmark
  public IngestReport ingestNextBuild(WithHistory db) {
    return ingestNext(db.lens);
  }

  @Benchmark
  public IngestReport floorIngestNextBuildIntoOne(WithOneBuild db) {
    return ingestNext(db.lens);
  }

  private IngestReport ingestNext(DbtLens l) {
    IngestReport r = l.ingest(IngestOptions.defaults().withEnvironment(ENV), List.of(nextBuild));
    if (r.runResultsAdded() == 0) {
      throw new IllegalStateException("the next build added no run results");
    }
    return r;
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    BenchData.deleteRecursively(nextBuildDir);
    viewPerModel.close();
    batch.close();
    perModel.close();
    floorConnection.close();
    lens.close();
  }

  @Benchmark
  public void lensRunHistory(Blackhole bh) {
    for (String id : modelIds) {
      bh.consume(lens.runHistory(ENV, id, runs));
    }
  }

  @Benchmark
  public void floorSqlPerModel(Blackhole bh) throws SQLException {
    for (String id : modelIds) {
      bh.consume(perModelRows(id));
    }
  }

  /**
   * Not a floor: a diagnostic that runs the floor's query over the public {@code run_results} view,
   * which joins each result to its manifest and command, to show what the view costs a notebook
   * user beside the store table.
   */
  @Benchmark
  public void viewSqlPerModel(Blackhole bh) throws SQLException {
    for (String id : modelIds) {
      bh.consume(viewRows(id));
    }
  }

  @Benchmark
  public List<RunResult> floorSqlBatch() throws SQLException {
    return batchRows();
  }

  private List<RunResult> perModelRows(String id) throws SQLException {
    perModel.setString(1, ENV);
    perModel.setString(2, ENV);
    perModel.setString(3, id);
    perModel.setInt(4, runs);
    return rows(perModel);
  }

  private List<RunResult> viewRows(String id) throws SQLException {
    viewPerModel.setString(1, ENV);
    viewPerModel.setString(2, id);
    viewPerModel.setInt(3, runs);
    return rows(viewPerModel);
  }

  private List<RunResult> batchRows() throws SQLException {
    batch.setString(1, ENV);
    batch.setString(2, ENV);
    batch.setInt(3, runs);
    return rows(batch);
  }

  private static List<RunResult> rows(PreparedStatement s) throws SQLException {
    List<RunResult> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new RunResult(r.getString(1), r.getString(2), NodeId.of(r.getString(3)), r.getString(4),
            dbl(r, 5), r.getString(6), instant(r, 7), instant(r, 8), lng(r, 9), lng(r, 10),
            r.getString(11), instant(r, 12), r.getString(13)));
      }
    }
    return out;
  }

  /** As dbtlens maps timestamps (TIMESTAMP columns hold UTC). */
  private static Instant instant(ResultSet r, int col) throws SQLException {
    LocalDateTime t = r.getObject(col, LocalDateTime.class);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  private static Double dbl(ResultSet r, int col) throws SQLException {
    double v = r.getDouble(col);
    return r.wasNull() ? null : v;
  }

  private static Long lng(ResultSet r, int col) throws SQLException {
    long v = r.getLong(col);
    return r.wasNull() ? null : v;
  }
}
