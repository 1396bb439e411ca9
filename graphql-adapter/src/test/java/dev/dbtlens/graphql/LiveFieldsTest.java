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
}
