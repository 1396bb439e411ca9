package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.DbtLens;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Environment.liveRuns} and {@code Environment.alerts} (live.graphqls) over real dbt logs. */
class LiveFieldsTest {
  @Test
  void anInProgressRunAndItsNodes() throws Exception {
    Path logs = SharedArtifacts.root().resolveSibling("dbt-logs");
    List<String> lines = Files.readAllLines(
        logs.resolve("OpenLineage+OpenLineage/2ff0ce731440/build_logs.jsonl"));
    try (DbtLens lens = Sample.lens()) {
      // jq over the first 300 lines: 9 NodeStart, 8 NodeFinished (success 7, pass 1); 20 nodes
      lens.live().follow(Sample.ENV, new ByteArrayInputStream(String.join("\n", lines.subList(0, 300))
          .getBytes(StandardCharsets.UTF_8)), null);
      lens.ingest(dev.dbtlens.IngestOptions.defaults(), List.of(logs.resolve("fosk06+dagster-dbt-demo/734daf938fb6/dbt.log")));
      DbtLensGraphQL graphql = DbtLensGraphQL.create(lens);
      JsonNode env = Gql.data(graphql, """
          { environment(id: "default") {
              liveRuns(status: "running") { invocationId status command dbtVersion nodesTotal
                nodesFinished nodesRunning nodesQueued progress nodes { uniqueId status source } }
              all: liveRuns { status }
              alerts(first: 5) { kind severity uniqueId } } }""").path("environment");
      JsonNode run = env.path("liveRuns").get(0);
      assertThat(env.path("liveRuns")).hasSize(1);
      assertThat(run.path("invocationId").asText()).isEqualTo("bafba111-8366-4a41-b03b-2b9243c64d42");
      assertThat(run.path("status").asText()).isEqualTo("running");
      assertThat(run.path("command").asText()).isEqualTo("dbt build");
      assertThat(run.path("dbtVersion").asText()).isEqualTo("1.8.2");
      assertThat(run.path("nodesTotal").asInt()).isEqualTo(20);
      assertThat(run.path("nodesFinished").asInt()).isEqualTo(8);
      assertThat(run.path("nodesRunning").asInt()).isEqualTo(1);
      assertThat(run.path("nodesQueued").asInt()).isEqualTo(11);
      assertThat(run.path("progress").asDouble()).isEqualTo(0.4);
      assertThat(Gql.texts(run.path("nodes"), "/status"))
          .containsExactly("success", "success", "success", "success", "success", "success", "success",
              "pass", "running");
      assertThat(Gql.texts(env.path("all"), "/status")).containsExactlyInAnyOrder("running", "error");
      // jq on 734daf938fb6: 4 tests error, 1 fails, all first results: the 5 newest alerts
      assertThat(Gql.texts(env.path("alerts"), "/kind")).containsOnly("test_failed").hasSize(5);
    }
  }

  @Test
  void aNewRecommendationCarriesItsRule(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path plain = tmp.resolve("plain");
    Path planted = tmp.resolve("planted");
    dev.dbtlens.testdata.ProjectGenerator.generate(dev.dbtlens.testdata.ProjectGenerator.Options.defaults(), plain);
    dev.dbtlens.testdata.ProjectGenerator.generate(dev.dbtlens.testdata.ProjectGenerator.Options.defaults(), planted,
        java.util.Set.of(dev.dbtlens.testdata.PlantedViolation.STAGING_DEPENDS_ON_STAGING));
    Path last;
    try (var list = Files.list(planted)) {
      last = list.filter(Files::isDirectory).sorted().reduce((a, b) -> b).orElseThrow();
    }
    // the planted last manifest as a later invocation of the environment
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode m =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(last.resolve("manifest.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("metadata"))
        .put("invocation_id", "00000000-0000-4000-8000-00000000beef");
    Path later = Files.createDirectories(tmp.resolve("later")).resolve("manifest.json");
    json.writeValue(later.toFile(), m);
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(dev.dbtlens.IngestOptions.defaults(), List.of(plain));
      lens.ingest(dev.dbtlens.IngestOptions.defaults(), List.of(later));
      JsonNode alerts = Gql.data(DbtLensGraphQL.create(lens), """
          { environment(id: "default") { alerts(first: 1) {
              kind severity uniqueId invocationId ruleName category violationId } } }""")
          .at("/environment/alerts/0");
      assertThat(alerts.path("kind").asText()).isEqualTo("recommendation_new");
      assertThat(alerts.path("severity").asText()).isEqualTo("warn");
      assertThat(alerts.path("uniqueId").asText()).isEqualTo("model.shop.stg_zendesk__reviews");
      assertThat(alerts.path("invocationId").asText()).isEqualTo("00000000-0000-4000-8000-00000000beef");
      assertThat(alerts.path("ruleName").asText()).isEqualTo("fct_staging_dependent_on_staging");
      assertThat(alerts.path("category").asText()).isEqualTo("modeling");
      assertThat(alerts.path("violationId").asText()).isEqualTo(
          "fct_staging_dependent_on_staging:model.shop.stg_zendesk__reviews,model.shop.stg_shopify__customers");
    }
  }

  /**
   * A run_results.json without timing (its results' {@code timing} empty): the job's results take
   * the adapter's execute timing from the invocation's log. The log is OpenLineage's dbt test with
   * a failing test; jq over its NodeFinished run_result.timing_info gives the expected times.
   */
  @Test
  void resultsWithoutTimingTakeTheLogs(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path log = SharedArtifacts.root().resolveSibling("dbt-logs")
        .resolve("OpenLineage+OpenLineage/0e0463376b51/test_logs.jsonl");
    String invocation = "899a81ce-1512-451a-b34a-480863ac4005";
    String[][] results = {
        {"test.jaffle_shop.accepted_values_customers_first_name__Jane.21e890a312", "fail", "0.5542953"},
        {"test.jaffle_shop.not_null_customers_customer_id.5c9bf9911d", "pass", "0.33287334"},
        {"test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_customers_.c6ec7f58f2", "pass", "0.46661687"},
        {"test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1", "pass", "0.2706263"}};
    StringBuilder json = new StringBuilder("""
        {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/run-results/v6.json",
          "dbt_version": "1.8.2", "generated_at": "2024-12-17T10:03:24.860000Z",
          "invocation_id": "%s", "env": {}},
         "elapsed_time": 16.6, "args": {"which": "test"}, "results": [""".formatted(invocation));
    for (int i = 0; i < results.length; i++) {
      json.append(i == 0 ? "" : ",").append("""
          {"unique_id": "%s", "status": "%s", "execution_time": %s, "timing": [],
           "thread_id": "Thread-1 (worker)", "adapter_response": {}, "message": null, "failures": 0}"""
          .formatted(results[i][0], results[i][1], results[i][2]));
    }
    json.append("]}");
    Files.writeString(tmp.resolve("run_results.json"), json);
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(dev.dbtlens.IngestOptions.defaults().withEnvironment("t"), List.of(tmp.resolve("run_results.json")));
      lens.live().ingestLogs("t", List.of(log));
      JsonNode tests = Gql.data(DbtLensGraphQL.create(lens), """
          { job(id: "test", runId: "899a81ce-1512-451a-b34a-480863ac4005") {
              tests { uniqueId status executionTime executeStartedAt executeCompletedAt } } }""")
          .at("/job/tests");
      List<String> got = new java.util.ArrayList<>();
      tests.forEach(t -> got.add(t.path("status").asText() + " " + t.path("executionTime").asText() + " "
          + t.path("executeStartedAt").asText() + " " + t.path("executeCompletedAt").asText()));
      assertThat(got).containsExactly(
          "fail 0.5542953 2024-12-17T10:03:22.368746Z 2024-12-17T10:03:22.775193Z",
          "pass 0.33287334 2024-12-17T10:03:22.914850Z 2024-12-17T10:03:23.148913Z",
          "pass 0.46661687 2024-12-17T10:03:23.348744Z 2024-12-17T10:03:23.623896Z",
          "pass 0.2706263 2024-12-17T10:03:23.798750Z 2024-12-17T10:03:23.975584Z");
    }
  }
}
