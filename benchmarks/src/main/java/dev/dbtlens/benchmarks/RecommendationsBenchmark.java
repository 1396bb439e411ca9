package dev.dbtlens.benchmarks;

import dev.dbtlens.DbtLens;
import dev.dbtlens.Recommendation;
import dev.dbtlens.RecommendationOptions;
import dev.dbtlens.Recommendations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * Every dbt-project-evaluator rule evaluated on demand ({@code lens.recommendations(env, options)},
 * with a threshold changed so nothing stored can be reused) beside two plain-SQL floors on the same
 * database: reading the violations stored at ingest (the {@code recommendations} view, what a SQL
 * reader pays), and one SQL query over the {@code nodes} view that reads what the rules read
 * (the manifest's models, sources, tests and exposures with their parents, descriptions and code),
 * which any evaluation has to do at least once. The setup checks that the stored rows are the
 * violations the Java API computes with the same (default) options.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class RecommendationsBenchmark {
  static final String ENV = "bench";

  @Param({"50000"})
  public int models;

  DbtLens lens;
  Connection connection;
  RecommendationOptions fanout4;

  @Setup(Level.Trial)
  public void prepare() throws SQLException {
    Path db = BenchData.database("recs-m" + models + "-s" + BenchData.SEED,
        l -> BenchData.ingest(l, ENV, List.of(BenchData.manifest(models))));
    lens = DbtLens.openReadOnly(db);
    connection = lens.connection();
    fanout4 = RecommendationOptions.defaults().withVar("models_fanout_threshold", "4");
    long start = System.nanoTime();
    Recommendations defaults = lens.recommendations(ENV, null);
    BenchData.log("first evaluation (graph build included) in " + (System.nanoTime() - start) / 1_000_000
        + " ms: " + defaults.violations().size() + " violations");
    List<String> stored = floorStoredRows();
    List<String> computed = new ArrayList<>(defaults.violations().stream().map(Recommendation::violationId).toList());
    if (!stored.equals(computed)) {
      throw new IllegalStateException("the stored recommendations (" + stored.size()
          + ") differ from those computed (" + computed.size() + ")");
    }
    BenchData.log("floor scan reads " + floorScanNodes() + " rows");
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    connection.close();
    lens.close();
  }

  /** Every rule, on demand, with other options than those stored. */
  @Benchmark
  public int lensRecommendations() {
    return lens.recommendations(ENV, fanout4).violations().size();
  }

  /** The stored violations, in the Java API's order. */
  @Benchmark
  public List<String> floorStoredRows() throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement("""
        SELECT violation_id FROM recommendations WHERE environment = ?
        ORDER BY list_position(['modeling', 'testing', 'documentation', 'structure', 'performance', 'governance'],
                               category), rule_name, coalesce(unique_id, ''), violation_id""")) {
      s.setString(1, ENV);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }

  /** What the rules read, in one SQL query: the least an evaluation from the database can do. */
  @Benchmark
  public long floorScanNodes() throws SQLException {
    long rows = 0;
    try (PreparedStatement s = connection.prepareStatement("""
        SELECT unique_id, resource_type, name, package_name, original_file_path, materialized, access,
               description, contract_enforced, depends_on_nodes, attached_node, column_name,
               test_metadata->>'name', CASE WHEN resource_type = 'model' THEN raw_code END
        FROM nodes
        WHERE environment = ? AND resource_type IN ('model', 'source', 'test', 'exposure', 'seed', 'snapshot')""")) {
      s.setString(1, ENV);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows++;
          for (int i = 1; i <= 14; i++) {
            r.getObject(i);
          }
        }
      }
    }
    return rows;
  }
}
