package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code executionInfo} as the Discovery API defines it, on the sample's series where a model
 * succeeds (001-build), fails (003-build) and succeeds again (005-run): the {@code lastRun*} fields
 * follow the last attempt, the others stay pinned on the last success.
 */
class ExecutionInfoTest {
  private static final String QUERY = """
      query ($id: String!) { environment(id: "default") { applied {
        models(filter: {uniqueIds: [$id]}) { edges { node { uniqueId executionInfo {
          lastRunId lastRunInvocationId lastRunStatus lastRunError lastRunGeneratedAt lastJobDefinitionId lastJobName
          lastSuccessRunId lastSuccessInvocationId lastSuccessJobDefinitionId executionTime executeStartedAt
          executeCompletedAt runGeneratedAt runElapsedTime } } } } } } }""";

  /** The model that fails in a build after succeeding in an earlier one, found in the JSON. */
  private static String failingAfterSuccess(Oracle oracle) {
    Map<String, Oracle.Result> attempt = oracle.lastAttempt();
    Map<String, Oracle.Result> success = oracle.lastSuccess();
    return oracle.ids("model").stream()
        .filter(id -> attempt.containsKey(id) && attempt.get(id).status().equals("error")
            && success.containsKey(id))
        .findFirst().orElseThrow(() -> new AssertionError("the sample has no model failing after success"));
  }

  private static List<Path> folders(String... prefixes) {
    return Sample.invocations().stream()
        .filter(p -> List.of(prefixes).stream().anyMatch(pre -> p.getFileName().toString().startsWith(pre)))
        .toList();
  }

  @Test
  void lastRunFieldsFollowTheFailureWhileTheRestStaysOnTheLastSuccess() {
    List<Path> upToFailure = folders("001", "002", "003", "004");
    Oracle oracle = Oracle.of(upToFailure);
    String model = failingAfterSuccess(oracle);
    Oracle.Result failed = oracle.lastAttempt().get(model);
    Oracle.Result succeeded = oracle.lastSuccess().get(model);
    assertThat(failed.generatedAt()).isAfter(succeeded.generatedAt());
    try (DbtLens lens = Sample.lens(upToFailure)) {
      JsonNode e = info(DbtLensGraphQL.create(lens), model);
      assertThat(e.path("lastRunInvocationId").asText()).isEqualTo(failed.invocationId());
      assertThat(e.path("lastRunStatus").asText()).isEqualTo("error");
      assertThat(e.path("lastRunError").asText()).isEqualTo(failed.message());
      assertThat(e.path("lastRunGeneratedAt").asText()).isEqualTo(failed.generatedAt().toString());
      // the job id is a number now (BigInt, as the Discovery API types it); the label is lastJobName
      assertThat(e.path("lastJobName").asText()).isEqualTo("build");
      assertThat(e.path("lastJobDefinitionId").asLong()).isPositive();
      assertThat(e.path("lastSuccessInvocationId").asText()).isEqualTo(succeeded.invocationId());
      assertThat(e.path("executionTime").asDouble()).isEqualTo(succeeded.executionTime());
      assertThat(e.path("executeCompletedAt").asText())
          .isEqualTo(java.time.Instant.parse(succeeded.executeCompletedAt()).toString());
      assertThat(e.path("runGeneratedAt").asText()).isEqualTo(succeeded.generatedAt().toString());
      assertThat(e.path("runElapsedTime").isNull()).isFalse();
    }
  }

  @Test
  void aLaterSuccessMovesBothBack() {
    Oracle partial = Oracle.of(folders("001", "002", "003", "004"));
    String model = failingAfterSuccess(partial);
    Oracle all = Oracle.of(Sample.invocations());
    Oracle.Result last = all.lastAttempt().get(model);
    try (DbtLens lens = Sample.lens()) {
      JsonNode e = info(DbtLensGraphQL.create(lens), model);
      assertThat(e.path("lastRunStatus").asText()).isEqualTo(last.status());
      assertThat(e.path("lastRunInvocationId").asText()).isEqualTo(last.invocationId());
      assertThat(e.path("lastSuccessInvocationId").asText()).isEqualTo(all.lastSuccess().get(model).invocationId());
      assertThat(e.path("lastRunError").isNull()).isEqualTo(last.status().equals("success"));
    }
  }

  @Test
  void aNodeNeverBuiltHasOnlyNullFields() {
    Oracle oracle = Oracle.of(Sample.invocations());
    Map<String, Oracle.Result> attempt = oracle.lastAttempt();
    String never = oracle.ids("model").stream().filter(id -> !attempt.containsKey(id)).findFirst().orElseThrow();
    try (DbtLens lens = Sample.lens()) {
      JsonNode e = info(DbtLensGraphQL.create(lens), never);
      e.properties().forEach(f -> assertThat(f.getValue().isNull()).as(f.getKey()).isTrue());
    }
  }

  /** A compile writes run_results where every node "succeeds": it must not count as a build. */
  @Test
  void compilesAndDocsGenerationAreNotBuilds(@TempDir Path tmp) throws IOException {
    List<Path> upToFailure = folders("001", "002", "003", "004");
    String model = failingAfterSuccess(Oracle.of(upToFailure));
    Path build = folders("003").get(0).resolve("run_results.json");
    ObjectNode compile = (ObjectNode) Sample.read(build);
    ((ObjectNode) compile.get("metadata")).put("invocation_id", "00000000-compile-0000")
        .put("generated_at", "2026-01-05T08:30:00.000000Z");
    ((ObjectNode) compile.get("args")).put("which", "compile");
    compile.get("results").forEach(r -> ((ObjectNode) r).put("status", "success"));
    Path dir = Files.createDirectories(tmp.resolve("compile"));
    Sample.MAPPER.writeValue(dir.resolve("run_results.json").toFile(), compile);
    try (DbtLens lens = Sample.lens(upToFailure)) {
      lens.ingest(IngestOptions.defaults(), List.of(dir));
      JsonNode e = info(DbtLensGraphQL.create(lens), model);
      assertThat(e.path("lastRunStatus").asText()).isEqualTo("error");
      assertThat(e.path("lastSuccessInvocationId").asText()).isNotEqualTo("00000000-compile-0000");
      JsonNode all = Gql.data(DbtLensGraphQL.create(lens), """
          query ($id: [String!]) { environment(id: "default") { applied {
            builds: historicalRuns(uniqueIds: $id) { runId }
            everything: historicalRuns(uniqueIds: $id, includeNonBuilds: true) { runId command } } } }""",
          Map.of("id", List.of(model))).at("/environment/applied");
      assertThat(Gql.texts(all.path("builds"), "/runId")).doesNotContain("00000000-compile-0000");
      assertThat(Gql.texts(all.path("everything"), "/runId")).contains("00000000-compile-0000");
    }
  }

  private static JsonNode info(DbtLensGraphQL graphql, String model) {
    JsonNode data = Gql.data(graphql, QUERY, Map.of("id", model));
    List<JsonNode> nodes = Gql.nodes(data.at("/environment/applied/models"));
    assertThat(nodes).hasSize(1);
    return nodes.get(0).path("executionInfo");
  }
}
