package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dbtlens.Performance.Aggregation;
import dev.dbtlens.Performance.CriticalPath;
import dev.dbtlens.Performance.Day;
import dev.dbtlens.Performance.ExecutionCount;
import dev.dbtlens.Performance.ExecutionTime;
import dev.dbtlens.Performance.PathNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Performance over a real history: jaffle_shop's eight run_results from dbt-artifacts-parser (v1 to
 * v6; five builds or runs, three docs generate) with the two manifests of the same invocations
 * (v11 with run_results v5, v12 dbt 1.9 with run_results v6). Expected values were computed with
 * python3 from the files (the scripts are quoted in the comments).
 */
class PerformanceRealArtifactsTest {
  private static final String P = "dbt-artifacts-parser/";
  private static final LocalDate FROM = LocalDate.parse("2021-01-01");
  private static final LocalDate TO = LocalDate.parse("2026-12-31");
  private static DbtLens lens;
  private static Performance perf;

  @BeforeAll
  static void ingest() {
    List<Path> files = List.of(
        SharedArtifacts.file(P + "run_results/v1/jaffle_shop/run_results.json"),
        SharedArtifacts.file(P + "run_results/v2/jaffle_shop/run_results.json"),
        SharedArtifacts.file(P + "run_results/v3/jaffle_shop/run_results.json"),
        SharedArtifacts.file(P + "run_results/v4/jaffle_shop/run_results.json"),
        SharedArtifacts.file(P + "run_results/v5/jaffle_shop/run_results.json"),
        SharedArtifacts.file(P + "run_results/v6/jaffle_shop/run_results.json"),
        SharedArtifacts.file(P + "run_results/v6/jaffle_shop/run_results_1.11.json"),
        SharedArtifacts.file(P + "run_results/v6/jaffle_shop/run_results_1.12.json"),
        SharedArtifacts.file(P + "manifest/v11/jaffle_shop/manifest.json"),
        SharedArtifacts.file(P + "manifest/v12/jaffle_shop/manifest_1.9.json"));
    lens = DbtLens.inMemory();
    lens.ingest(IngestOptions.defaults().withEnvironment("jaffle"), files);
    perf = lens.performance("jaffle");
  }

  @AfterAll
  static void close() {
    if (lens != null) {
      lens.close();
    }
  }

  @Test
  void mostExecutedModelsCountBuildsOnlyNotDocsGenerate() {
    // python: non-skipped model results of the run_results whose args.which is not generate
    List<ExecutionCount> most = perf.mostExecutedModels(FROM, TO, 5, 5);
    assertThat(most).extracting(ExecutionCount::uniqueId, ExecutionCount::totalExecutions).containsExactly(
        org.assertj.core.groups.Tuple.tuple("model.jaffle_shop.stg_customers", 5L),
        org.assertj.core.groups.Tuple.tuple("model.jaffle_shop.stg_orders", 5L),
        org.assertj.core.groups.Tuple.tuple("model.jaffle_shop.stg_payments", 5L),
        org.assertj.core.groups.Tuple.tuple("model.jaffle_shop.customers", 3L),
        org.assertj.core.groups.Tuple.tuple("model.jaffle_shop.orders", 3L));
    // stg_customers: once by the job of dbt run (v1), four times by the job of dbt build
    assertThat(most.get(0).byJob()).extracting(Performance.JobCount::totalExecutions).containsExactly(4L, 1L);
    assertThat(perf.mostExecutedModels(FROM, TO, 5, 1).get(0).byJob()).hasSize(1);
  }

  @Test
  void longestExecutedModelsByMaxAndByAverage() {
    List<ExecutionTime> max = perf.longestExecutedModels(FROM, TO, 3, null, Aggregation.MAX, 5);
    assertThat(max).extracting(ExecutionTime::uniqueId).containsExactly(
        "model.elementary.dbt_columns", "model.elementary.dbt_seeds", "model.elementary.dbt_models");
    assertThat(max.get(0).maxExecutionTime()).isEqualTo(15.319193840026855);
    assertThat(max.get(0).averageExecutionTime()).isCloseTo(9.947780013084412, within(1e-12));
    List<ExecutionTime> avg = perf.longestExecutedModels(FROM, TO, 3, null, Aggregation.AVG, 5);
    assertThat(avg).extracting(ExecutionTime::uniqueId).containsExactly(
        "model.elementary.dbt_seeds", "model.elementary.dbt_models", "model.elementary.dbt_tests");
    assertThat(avg.get(2).averageExecutionTime()).isCloseTo(11.214146971702576, within(1e-12));
    long runJob = jobOf("196871b6-901c-4992-9c1e-10f8a44b999f");
    assertThat(perf.longestExecutedModels(FROM, TO, 10, runJob, Aggregation.MAX, 5))
        .hasSize(8).allMatch(t -> t.byJob().size() == 1 && t.byJob().get(0).jobId() == runJob);
  }

  @Test
  void theOneFailedExecutionIsTheOnlyFailure() {
    assertThat(perf.mostExecutionFailedModels(FROM, TO, 5)).containsExactly(
        new Performance.FailureRate("model.jaffle_shop.test_insert_overwrite", 100.0, 1, 1));
    assertThat(perf.mostTestFailedModels(FROM, TO, 5)).isEmpty();
  }

  @Test
  void executionHistoryPerDayWithTheRunsTimes() {
    List<Day> days = perf.modelExecutionHistory("model.jaffle_shop.stg_customers", FROM, TO);
    assertThat(days).extracting(d -> d.date().toString()).containsExactly(
        "2021-08-12", "2021-11-08", "2021-12-07", "2023-11-06", "2024-12-16");
    assertThat(days).extracting(Day::meanExecutionTime).containsExactly(
        0.9059498310089111, 6.316112995147705, 0.9575939178466797, 0.7043111324310303, 0.5560071468353271);
    Performance.Execution last = days.get(4).executionsByJob().get(0).executions().get(0);
    assertThat(last.invocationId()).isEqualTo("cfbc1db9-66c1-46c2-a94b-8c0cef32314f");
    assertThat(last.executionStartedAt()).hasToString("2024-12-16T07:45:10.360686Z");
    assertThat(last.status()).isEqualTo("success");
    assertThat(last.adapter()).isEqualTo("bigquery");
    assertThat(perf.modelExecutionHistory("model.jaffle_shop.stg_customers", FROM, LocalDate.parse("2021-12-31")))
        .hasSize(3);
    assertThat(perf.jobInformation(FROM, TO, "model.jaffle_shop.stg_customers"))
        .extracting(Performance.Job::name).containsExactlyInAnyOrder("run", "build");
  }

  @Test
  void criticalPathOfTheDbt19Build() {
    // /tmp/cp.py: longest path by depends_on.nodes of manifest_1.9.json plus test -> children of
    // the test's only parent, weights execution_time of run_results v6
    CriticalPath cp = perf.criticalPath("cfbc1db9");
    assertThat(cp.pathSeconds()).isCloseTo(16.550824880599976, within(1e-9));
    assertThat(cp.runElapsedSeconds()).isEqualTo(38.73419785499573);
    assertThat(cp.path()).containsExactly("seed.jaffle_shop.raw_payments", "model.jaffle_shop.stg_payments",
        "test.jaffle_shop.accepted_values_stg_payments_payment_method__credit_card__coupon__bank_transfer__gift_card.3c3820f278",
        "model.jaffle_shop.orders", "test.jaffle_shop.unique_orders_order_id.fed79b3a6e",
        "model.jaffle_shop.daily_orders");
    assertThat(cp.nodes()).hasSize(61);
    assertThat(cp.nodes()).filteredOn(PathNode::critical).hasSize(6).allMatch(n -> n.slack() == 0);
    PathNode last = cp.nodes().stream().filter(n -> n.uniqueId().equals("model.jaffle_shop.daily_orders"))
        .findFirst().orElseThrow();
    assertThat(last.earliestFinish()).isCloseTo(16.550824880599976, within(1e-9));
    assertThat(cp.nodes()).allMatch(n -> n.slack() >= 0 && n.earliestFinish() <= cp.pathSeconds() + 1e-9);
    // the latest build run is that one: no argument means the latest
    assertThat(perf.criticalPath(null).invocationId()).isEqualTo(cp.invocationId());
  }

  @Test
  void criticalPathOfTheDbt17Build() {
    CriticalPath cp = perf.criticalPath("7ee58a18-366a-45b0-a0f2-a8a09f5e87ec");
    assertThat(cp.pathSeconds()).isCloseTo(12.763889074325562, within(1e-9));
    assertThat(cp.path()).containsExactly("model.elementary.dbt_models", "model.elementary.model_run_results",
        "model.elementary.alerts_dbt_models");
    assertThat(perf.criticalPath(cp.runId()).path()).isEqualTo(cp.path());
  }

  @Test
  void docsGenerateIsNoBuildRun() {
    assertThatThrownBy(() -> perf.criticalPath("8421d116")).isInstanceOf(InvocationNotFoundException.class)
        .hasMessageContaining("'8421d116'").hasMessageContaining("docs generate");
  }

  @Test
  void dailyTotalsAreTheBuildRunsElapsedTimes() {
    assertThat(perf.dailyTotals(FROM, TO)).extracting(Performance.DayTotals::buildSeconds).containsExactly(
        7.887428045272827, 28.74850106239319, 16.181153059005737, 68.85849285125732, 38.73419785499573);
    assertThat(perf.dailyTotals(FROM, TO).get(2).errors()).isEqualTo(1);
    // v4: 8 success + 20 pass + 1 error, all executed
    assertThat(perf.dailyTotals(FROM, TO).get(2).nodesExecuted()).isEqualTo(29);
    assertThat(perf.jobTotals(FROM, TO)).extracting(Performance.JobTotals::name, Performance.JobTotals::runs)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("run", 1L),
            org.assertj.core.groups.Tuple.tuple("build", 4L));
  }

  private static long jobOf(String invocationId) {
    return lens.invocations("jaffle").stream().filter(i -> i.invocationId().equals(invocationId))
        .findFirst().orElseThrow().jobId();
  }
}
