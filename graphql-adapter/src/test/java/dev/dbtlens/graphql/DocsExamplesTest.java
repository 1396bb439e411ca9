package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.DbtLens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code ```graphql} block of docs/graphql.md runs against the shop sample without errors;
 * those written out from the Discovery API's documentation ({@code # Discovery API docs}) also run,
 * unchanged, against a real dbt 1.12 project. Every block gets the same variables: those it does
 * not declare are ignored, as the Discovery API ignores them.
 */
class DocsExamplesTest {
  static final Path DOC = Path.of("..", "docs", "graphql.md").toAbsolutePath().normalize();
  private static final Pattern BLOCK = Pattern.compile("```graphql\\n(.*?)```", Pattern.DOTALL);
  @RegisterExtension static final SampleGraphQL SAMPLE = new SampleGraphQL();

  /** The variables of every example: a model and the job of the latest build of that database. */
  static Map<String, Object> variables(DbtLensGraphQL graphql, String model) {
    JsonNode runs = Gql.data(graphql, "{ environment(id: 1) { runs { jobId command } } }").at("/environment/runs");
    long jobId = 0;
    for (JsonNode r : runs) {
      if (jobId == 0 && !r.path("jobId").isNull()) {
        jobId = r.path("jobId").asLong();
      }
    }
    Map<String, Object> v = new HashMap<>();
    v.put("environmentId", 1);
    v.put("first", 100);
    v.put("uniqueId", model);
    v.put("jobId", jobId);
    v.put("runId", null);
    v.put("lastRunCount", 5);
    return v;
  }

  static Stream<Arguments> examples() throws IOException {
    Matcher m = BLOCK.matcher(Files.readString(DOC));
    List<Arguments> out = new ArrayList<>();
    while (m.find()) {
      String query = m.group(1);
      String first = query.strip().lines().findFirst().orElse("");
      out.add(Arguments.of(Named.of("example " + (out.size() + 1) + ": " + first, query)));
    }
    assertThat(out).hasSizeGreaterThanOrEqualTo(20);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void runsWithoutErrors(String query) {
    GraphQLResult r = SAMPLE.graphql().execute(query, variables(SAMPLE.graphql(), "model.shop.fct_orders"));
    assertThat(r.errors()).as(query).isEmpty();
    assertThat(r.data()).isNotNull().isNotEmpty();
    assertThat(r.toJson()).doesNotContain("\"environment\" : null", "\"job\" : null");
  }

  static Stream<Arguments> discoveryExamples() throws IOException {
    return examples().filter(a -> ((Named<?>) a.get()[0]).getPayload().toString().strip()
        .startsWith("# Discovery API docs"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("discoveryExamples")
  void discoveryApiExamplesRunUnchangedOnARealProject(String query) {
    try (DbtLens real = DbtLens.inMemory()) {
      String dir = "dbt-artifacts-parser/";
      real.ingest(dev.dbtlens.IngestOptions.defaults(), List.of(
          SharedArtifacts.file(dir + "manifest/v12/jaffle_shop/manifest_1.12.json"),
          SharedArtifacts.file(dir + "run_results/v6/jaffle_shop/run_results_1.12.json"),
          SharedArtifacts.file(dir + "catalog/v1/jaffle_shop/catalog_1.12.json")));
      DbtLensGraphQL g = DbtLensGraphQL.create(real);
      GraphQLResult r = g.execute(query, variables(g, "model.jaffle_shop.customers"));
      assertThat(r.errors()).as(query).isEmpty();
      assertThat(r.toJson()).doesNotContain("\"environment\" : null", "\"job\" : null");
    }
  }
}
