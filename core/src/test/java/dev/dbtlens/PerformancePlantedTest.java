package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.Performance.CriticalPath;
import dev.dbtlens.Performance.FailureRate;
import dev.dbtlens.Performance.Trend;
import dev.dbtlens.Performance.Window;
import dev.dbtlens.testdata.PerformancePlants;
import dev.dbtlens.testdata.ProjectGenerator;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated history with planted answers: 60 models, 46 hourly invocations from 2026-01-05 06:00 UTC (the
 * first 18 on 2026-01-05, invocation 19 the first of 2026-01-06), one mart made three times slower
 * from invocation 19 on, another failing 30% of its executions. The expected counts are read from
 * the generated run_results files with Jackson, apart from dbtlens.
 */
class PerformancePlantedTest {
  private static final LocalDate DAY1 = LocalDate.parse("2026-01-05");
  private static final LocalDate LAST = LocalDate.parse("2026-01-07");
  @TempDir static Path dir;
  private static DbtLens lens;
  private static Performance perf;
  private static Properties planted;

  @BeforeAll
  static void generate() throws IOException {
    Path out = dir.resolve("history");
    ProjectGenerator.generate(new ProjectGenerator.Options(60, 46, 7L), new PerformancePlants(19, 3.0, 30), out);
    planted = new Properties();
    try (Reader r = Files.newBufferedReader(out.resolve(PerformancePlants.FILE))) {
      planted.load(r);
    }
    lens = DbtLens.inMemory();
    lens.ingest(IngestOptions.defaults().withEnvironment("gen"), List.of(out));
    perf = lens.performance("gen");
  }

  @AfterAll
  static void close() {
    if (lens != null) {
      lens.close();
    }
  }

  @Test
  void trendDetectionFindsExactlyTheSlowedModel() {
    List<Trend> trends = perf.trends(new Window(DAY1, DAY1), new Window(DAY1.plusDays(1), LAST), 50, 3);
    assertThat(trends).extracting(Trend::uniqueId).containsExactly(planted.getProperty("slowed_model"));
    assertThat(trends.get(0).growthPercent()).isBetween(150.0, 250.0);
    // before the slowdown there is nothing to find
    assertThat(perf.trends(new Window(DAY1, DAY1), new Window(DAY1, DAY1), 50, 1)).isEmpty();
  }

  @Test
  void mostExecutionFailedModelsRanksTheFailingModelWithItsExactPercentage() throws IOException {
    String failing = planted.getProperty("failing_model");
    long[] counted = countExecutions(failing);
    long executions = counted[0];
    long failed = counted[1];
    assertThat(failed).isEqualTo(executions * 30 / 100);
    List<FailureRate> ranked = perf.mostExecutionFailedModels(DAY1, LAST, 5);
    assertThat(ranked.get(0)).isEqualTo(new FailureRate(failing, failed * 100.0 / executions, executions, failed));
    // 46 invocations give the failing mart 30 executions (builds and runs), 9 of them failed
    assertThat(executions).isEqualTo(30);
    assertThat(ranked.get(0).failurePercentage()).isEqualTo(30.0);
  }

  @Test
  void theScriptedBrokenTestMakesItsModelTheMostTestFailed() {
    // the generator's relationships test fails in invocations 3 and 4 (both on the first day)
    assertThat(perf.mostTestFailedModels(DAY1, LAST, 5)).isNotEmpty()
        .allMatch(t -> t.totalRunsWithTestFailures() >= 1 && t.uniqueId().startsWith("model."));
  }

  @Test
  void criticalPathIsNoLongerThanTheRunAndStartsAtTheRunsStart() {
    CriticalPath cp = perf.criticalPath(null);
    assertThat(cp.path()).isNotEmpty();
    assertThat(cp.pathSeconds()).isPositive().isLessThanOrEqualTo(cp.runElapsedSeconds());
    double sum = cp.nodes().stream().filter(Performance.PathNode::critical)
        .mapToDouble(Performance.PathNode::executionTime).sum();
    assertThat(sum).isCloseTo(cp.pathSeconds(), org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void dailyTotalsCountEveryBuildRun() throws IOException {
    List<Performance.DayTotals> days = perf.dailyTotals(DAY1, LAST);
    assertThat(days).extracting(d -> d.date().toString()).containsExactly("2026-01-05", "2026-01-06", "2026-01-07");
    assertThat(days.stream().mapToLong(Performance.DayTotals::runs).sum()).isEqualTo(runResultsFiles().size());
  }

  private static List<Path> runResultsFiles() throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("history"))) {
      return s.filter(p -> p.getFileName().toString().equals("run_results.json")).sorted().toList();
    }
  }

  /** @return executions (not skipped) and errors of a node in the generated run_results files */
  private static long[] countExecutions(String uniqueId) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    long executions = 0;
    long failed = 0;
    for (Path f : runResultsFiles()) {
      for (JsonNode r : mapper.readTree(f.toFile()).get("results")) {
        if (!r.get("unique_id").asText().equals(uniqueId) || r.get("status").asText().equals("skipped")) {
          continue;
        }
        executions++;
        failed += r.get("status").asText().equals("error") ? 1 : 0;
      }
    }
    return new long[] {executions, failed};
  }
}
