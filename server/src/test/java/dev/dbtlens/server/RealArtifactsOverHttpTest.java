package dev.dbtlens.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.graphql.DbtLensGraphQL;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Discovery API documentation's example queries (the {@code # Discovery API docs} blocks of
 * docs/graphql.md), posted over HTTP as a client would, against a real dbt 1.9 build of jaffle_shop
 * (from {@code ../shared/dbt-artifacts}: the build's manifest and run_results, and a catalog): each
 * answers without errors and exactly as the in-process executor does, with values checked against
 * the artifacts' JSON.
 */
class RealArtifactsOverHttpTest {
  private static final Path DOC = Path.of("..", "docs", "graphql.md").toAbsolutePath().normalize();
  private static final Pattern BLOCK = Pattern.compile("```graphql\\n(.*?)```", Pattern.DOTALL);
  private static final String MODEL = "model.jaffle_shop.customers";

  @TempDir static Path dir;
  static Path artifacts;
  static Served served;

  @BeforeAll
  static void start() throws IOException {
    artifacts = shared().resolve("dbt-artifacts-parser");
    Path db = dir.resolve("jaffle.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(IngestOptions.defaults(), List.of(
          artifacts.resolve("manifest/v12/jaffle_shop/manifest_1.9.json"),
          artifacts.resolve("run_results/v6/jaffle_shop/run_results.json"),
          artifacts.resolve("catalog/v1/jaffle_shop/catalog.json")));
    }
    served = Served.serving(db);
  }

  @AfterAll
  static void stop() {
    if (served != null) {
      served.close();
    }
  }

  /** {@code ../shared/dbt-artifacts}: a failure under {@code CI=true} when missing, else a skip. */
  private static Path shared() {
    Path root = Path.of("..", "..", "shared", "dbt-artifacts").toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      String msg = "the shared dbt artifacts are expected at " + root;
      if ("true".equals(System.getenv("CI"))) {
        fail(msg);
      }
      assumeTrue(false, msg + "; skipping");
    }
    return root;
  }

  @Test
  void theDiscoveryDocsExamplesAnswerOverHttpAsInProcess() throws IOException {
    List<String> examples = new ArrayList<>();
    Matcher m = BLOCK.matcher(Files.readString(DOC));
    while (m.find()) {
      if (m.group(1).strip().startsWith("# Discovery API docs")) {
        examples.add(m.group(1));
      }
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
    Map<String, Object> variables = variables(jobId());
    try (DbtLens lens = DbtLens.openReadOnly(served.db)) {
      DbtLensGraphQL inProcess = DbtLensGraphQL.create(lens);
      for (String query : examples) {
        HttpResponse<String> r = served.graphql(query, variables, null);
        assertThat(r.statusCode()).as(query).isEqualTo(200);
        JsonNode body = Served.tree(r.body());
        assertThat(body.has("errors")).as(query + "\n" + r.body()).isFalse();
        JsonNode expected = Served.tree(inProcess.execute(query, variables).toJson());
        assertThat(body.get("data")).as(query).isEqualTo(expected.get("data"));
      }
    }
  }

  @Test
  void aModelsExecutionAndCatalogOverHttpAreTheArtifacts() throws IOException {
    HttpResponse<String> r = served.graphql("""
        query ($environmentId: BigInt!, $uniqueId: String!) {
          environment(id: $environmentId) { applied {
            models(first: 500) { totalCount }
            modelByUniqueId: models(first: 1, filter: {uniqueIds: [$uniqueId]}) { edges { node {
              executionInfo { lastRunStatus executionTime }
              catalog { columns { name } } } } } } } }""",
        Map.of("environmentId", "1", "uniqueId", MODEL), null);
    JsonNode body = Served.tree(r.body());
    assertThat(body.has("errors")).as(r.body()).isFalse();
    JsonNode applied = body.at("/data/environment/applied");
    // jq '[.nodes[] | select(.resource_type=="model")] | length' manifest_1.9.json
    assertThat(applied.at("/models/totalCount").asInt()).isEqualTo(36);
    JsonNode node = applied.at("/modelByUniqueId/edges/0/node");
    // jq '.results[] | select(.unique_id=="model.jaffle_shop.customers") | .status, .execution_time'
    // run_results.json (v6, dbt 1.9.0 build)
    assertThat(node.at("/executionInfo/lastRunStatus").asText()).isEqualTo("success");
    assertThat(node.at("/executionInfo/executionTime").asDouble()).isEqualTo(2.371799945831299);
    // jq '.nodes["model.jaffle_shop.customers"].columns | keys | length' catalog.json
    assertThat(node.at("/catalog/columns")).hasSize(7);
  }

  /** @return the job id the store gave the build, read over HTTP as a client finds it */
  private static long jobId() {
    HttpResponse<String> r = served.graphql("{ environment(id: 1) { runs { jobId command } } }", Map.of(), null);
    for (JsonNode run : Served.tree(r.body()).at("/data/environment/runs")) {
      if (run.path("command").asText().contains("build")) {
        return run.get("jobId").asLong();
      }
    }
    return fail("no build among the runs: " + r.body());
  }

  private static Map<String, Object> variables(long jobId) {
    Map<String, Object> v = new HashMap<>();
    v.put("environmentId", 1);
    v.put("first", 100);
    v.put("uniqueId", MODEL);
    v.put("jobId", jobId);
    v.put("runId", null);
    v.put("lastRunCount", 5);
    return v;
  }
}
