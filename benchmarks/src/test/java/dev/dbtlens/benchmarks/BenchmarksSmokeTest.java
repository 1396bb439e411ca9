package dev.dbtlens.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Proves every benchmark still runs: each class once, in this JVM, with tiny inputs, no warmup and
 * one short measurement. Each benchmark's setup also checks that dbtlens and its floor give the
 * same answer, so this test checks that too. The full run is not part of the build (see README).
 */
class BenchmarksSmokeTest {
  @TempDir static Path data;
  private static String previous;

  @BeforeAll
  static void useTemporaryData() {
    previous = System.getProperty(BenchData.DATA_PROPERTY);
    System.setProperty(BenchData.DATA_PROPERTY, data.toString());
  }

  @AfterAll
  static void restore() {
    if (previous == null) {
      System.clearProperty(BenchData.DATA_PROPERTY);
    } else {
      System.setProperty(BenchData.DATA_PROPERTY, previous);
    }
  }

  @Test
  void ingest() throws RunnerException {
    assertRuns(IngestBenchmark.class, 12, Map.of("models", "20")); // six methods, derive false and true
  }

  @Test
  void lineage() throws RunnerException {
    assertRuns(LineageBenchmark.class, 8, Map.of("models", "20"));
  }

  @Test
  void history() throws RunnerException {
    assertRuns(HistoryBenchmark.class, 6, Map.of("models", "20", "invocations", "30", "runs", "20"));
  }

  @Test
  void graphql() throws RunnerException {
    assertRuns(GraphQLBenchmark.class, 6, Map.of("models", "20", "pageSize", "5"));
  }

  @Test
  void recommendations() throws RunnerException {
    assertRuns(RecommendationsBenchmark.class, 3, Map.of("models", "20"));
  }

  @Test
  void columnLineage() throws RunnerException {
    assertRuns(ColumnLineageBenchmark.class, 4, Map.of("models", "20"));
  }

  @Test
  void performance() throws RunnerException {
    assertRuns(PerformanceBenchmark.class, 12, Map.of("models", "300", "runs", "200"));
  }

  private static void assertRuns(Class<?> benchmark, int methods, Map<String, String> params)
      throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + benchmark.getName().replace(".", "\\.") + "\\.")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(50))
        .timeUnit(TimeUnit.MILLISECONDS)
        .shouldFailOnError(true);
    params.forEach(options::param);
    Collection<RunResult> results = new Runner(options.build()).run();
    assertThat(results).hasSize(methods);
    for (RunResult r : results) {
      assertThat(r.getPrimaryResult().getSampleCount()).as(r.getParams().getBenchmark()).isPositive();
    }
  }
}
