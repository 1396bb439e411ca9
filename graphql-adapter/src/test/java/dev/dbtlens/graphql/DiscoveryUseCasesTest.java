package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Discovery API's documented use cases (longest-running models, latest status per model,
 * failed models and tests, source freshness, test coverage, model lineage, ancestors' freshness,
 * model history), run against the shop sample and real artifacts, each expected value computed
 * from the artifact JSON by {@link Oracle}.
 */
class DiscoveryUseCasesTest {
  private static final String ENV = Sample.ENV;

  static Stream<Arguments> datasets() {
    return Stream.of(
        dataset("sample shop (5 invocations, dbt 1.10.13)", Sample::invocations),
        dataset("ad_reporting manifest v7 + dbt run (dbt 1.3.0)",
            () -> List.of(SharedArtifacts.file("fivetran-dbt_ad_reporting/manifest-v7_dbt-1.3.0_316dd1fc"))),
        dataset("tuva manifest v3 + dbt build (dbt 0.21.1)",
            () -> List.of(SharedArtifacts.file("tuva/manifest-v3_dbt-0.21.1_a5966ba1"))),
        dataset("fusion manifest v12 + build + sources v3 (dbt 2.0.0-preview)",
            () -> List.of(SharedArtifacts.file(
                "dbt-fusion_e-elikem+dbt_fundamentals/manifest-v12_dbt-2.0.0-preview.199_12af8ece"))));
  }

  private static Arguments dataset(String name, Supplier<List<Path>> paths) {
    return Arguments.of(Named.of(name, paths));
  }

  private record Fixture(DbtLens lens, DbtLensGraphQL graphql, Oracle oracle) implements AutoCloseable {
    static Fixture of(Supplier<List<Path>> paths) {
      List<Path> roots = paths.get();
      DbtLens lens = DbtLens.inMemory();
      lens.ingest(IngestOptions.defaults(), roots);
      return new Fixture(lens, DbtLensGraphQL.create(lens), Oracle.of(roots));
    }

    @Override
    public void close() {
      lens.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void longestRunningModels(Supplier<List<Path>> paths) {
    try (Fixture f = Fixture.of(paths)) {
      JsonNode data = Gql.data(f.graphql, """
          { environment(id: "default") { applied {
              models(first: 5, sort: {field: executionTime, direction: desc}) {
                edges { node { uniqueId executionInfo { executionTime } } } } } } }""");
      Map<String, Oracle.Result> success = f.oracle.lastSuccess();
      List<String> expected = f.oracle.ids("model").stream()
          .sorted(Comparator.comparing((String id) -> success.containsKey(id) ? -success.get(id).executionTime() : Double.MAX_VALUE)
              .thenComparing(Comparator.naturalOrder()))
          .limit(5).toList();
      List<JsonNode> nodes = Gql.nodes(data.at("/environment/applied/models"));
      assertThat(Gql.texts(nodes, "/uniqueId")).isEqualTo(expected);
      for (JsonNode n : nodes) {
        Oracle.Result s = success.get(n.path("uniqueId").asText());
        JsonNode time = n.at("/executionInfo/executionTime");
        assertThat(time.isNull() ? null : time.asDouble()).isEqualTo(s == null ? null : s.executionTime());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void latestStatusOfEveryModel(Supplier<List<Path>> paths) {
    try (Fixture f = Fixture.of(paths)) {
      JsonNode data = Gql.data(f.graphql, """
          { environment(id: "default") { applied { models(first: 500) { totalCount
              edges { node { uniqueId executionInfo { lastRunStatus lastRunInvocationId lastSuccessInvocationId } } } } } } }""");
      Map<String, Oracle.Result> attempt = f.oracle.lastAttempt();
      Map<String, Oracle.Result> success = f.oracle.lastSuccess();
      Map<String, List<String>> expected = new TreeMap<>();
      for (String id : f.oracle.ids("model")) {
        Oracle.Result a = attempt.get(id);
        Oracle.Result s = success.get(id);
        expected.put(id, java.util.Arrays.asList(a == null ? null : a.status(),
            a == null ? null : a.invocationId(), s == null ? null : s.invocationId()));
      }
      Map<String, List<String>> actual = new TreeMap<>();
      for (JsonNode n : Gql.nodes(data.at("/environment/applied/models"))) {
        JsonNode e = n.path("executionInfo");
        actual.put(n.path("uniqueId").asText(), java.util.Arrays.asList(text(e, "lastRunStatus"),
            text(e, "lastRunInvocationId"), text(e, "lastSuccessInvocationId")));
      }
      assertThat(actual).isEqualTo(expected);
      assertThat(data.at("/environment/applied/models/totalCount").asInt()).isEqualTo(expected.size());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void failedModelsAndTests(Supplier<List<Path>> paths) {
    try (Fixture f = Fixture.of(paths)) {
      JsonNode data = Gql.data(f.graphql, """
          { environment(id: "default") { applied {
              models(filter: {lastRunStatus: error}) { edges { node { uniqueId executionInfo { lastRunError } } } }
              tests(filter: {status: "fail"}) { edges { node { uniqueId executionInfo { lastRunStatus lastRunFailures lastRunError } } } } } } }""");
      Map<String, Oracle.Result> attempt = f.oracle.lastAttempt();
      List<String> failedModels = f.oracle.ids("model").stream()
          .filter(id -> attempt.containsKey(id) && attempt.get(id).status().equals("error")).toList();
      List<String> failedTests = new ArrayList<>();
      for (String type : List.of("test", "unit_test")) {
        f.oracle.ids(type).stream()
            .filter(id -> attempt.containsKey(id) && attempt.get(id).status().equals("fail"))
            .forEach(failedTests::add);
      }
      failedTests.sort(Comparator.naturalOrder());
      List<JsonNode> models = Gql.nodes(data.at("/environment/applied/models"));
      assertThat(Gql.texts(models, "/uniqueId")).isEqualTo(failedModels);
      models.forEach(m -> assertThat(m.at("/executionInfo/lastRunError").asText())
          .isEqualTo(attempt.get(m.path("uniqueId").asText()).message()));
      List<JsonNode> tests = Gql.nodes(data.at("/environment/applied/tests"));
      assertThat(Gql.texts(tests, "/uniqueId")).isEqualTo(failedTests);
      tests.forEach(t -> assertThat(t.at("/executionInfo/lastRunFailures").asLong())
          .isEqualTo(attempt.get(t.path("uniqueId").asText()).failures()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void sourceFreshness(Supplier<List<Path>> paths) {
    try (Fixture f = Fixture.of(paths)) {
      JsonNode data = Gql.data(f.graphql, """
          { environment(id: "default") { applied { sources(first: 500) { edges { node {
              uniqueId freshness { freshnessStatus freshnessChecked maxLoadedAtTimeAgoInS freshnessRunId } } } } } } }""");
      Map<String, String> expected = new TreeMap<>();
      for (String id : f.oracle.ids("source")) {
        Oracle.Check c = f.oracle.latestChecks.get(id);
        expected.put(id, c == null ? "Unknown/false" : FreshnessRun.status(c.status()) + "/true");
      }
      Map<String, String> actual = new TreeMap<>();
      for (JsonNode n : Gql.nodes(data.at("/environment/applied/sources"))) {
        JsonNode fr = n.path("freshness");
        actual.put(n.path("uniqueId").asText(),
            fr.path("freshnessStatus").asText() + "/" + fr.path("freshnessChecked").asBoolean());
        Oracle.Check c = f.oracle.latestChecks.get(n.path("uniqueId").asText());
        if (c != null) {
          // a numeric run id now (BigInt, as the Discovery API types it); Ids numbers runs from 1
          assertThat(fr.path("freshnessRunId").asLong()).as(c.invocationId()).isPositive();
          assertThat(fr.path("maxLoadedAtTimeAgoInS").isNull() ? null : fr.path("maxLoadedAtTimeAgoInS").asDouble())
              .isEqualTo(c.ageSeconds());
        }
      }
      assertThat(actual).isEqualTo(expected);
      JsonNode stale = Gql.data(f.graphql, """
          { environment(id: "default") { applied {
              warn: sources(filter: {freshnessStatus: Warn}) { totalCount }
              error: sources(filter: {freshnessStatus: Error}) { totalCount } } } }""");
      assertThat(stale.at("/environment/applied/warn/totalCount").asInt())
          .isEqualTo(count(expected, "Warn/true"));
      assertThat(stale.at("/environment/applied/error/totalCount").asInt())
          .isEqualTo(count(expected, "Error/true"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void testCoverage(Supplier<List<Path>> paths) {
    try (Fixture f = Fixture.of(paths)) {
      JsonNode data = Gql.data(f.graphql, """
          { environment(id: "default") { applied { models(first: 500) { edges { node {
              uniqueId tests { uniqueId testType } } } } } } }""");
      Map<String, List<String>> expected = new TreeMap<>();
      f.oracle.ids("model").forEach(id -> expected.put(id, f.oracle.testsOf(id)));
      Map<String, List<String>> actual = new TreeMap<>();
      for (JsonNode n : Gql.nodes(data.at("/environment/applied/models"))) {
        List<String> ids = new ArrayList<>();
        n.path("tests").forEach(t -> ids.add(t.path("uniqueId").asText()));
        actual.put(n.path("uniqueId").asText(), ids);
      }
      assertThat(actual).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void modelLineage(Supplier<List<Path>> paths) {
    try (Fixture f = Fixture.of(paths)) {
      String model = f.oracle.deepestModel();
      JsonNode data = Gql.data(f.graphql, """
          query ($select: String) { environment(id: "default") { applied {
              lineage(filter: {select: $select, types: [Model, Source, Seed, Snapshot]}) {
                uniqueId parentIds matchesMethod } } } }""", Map.of("select", "+" + model));
      Map<String, List<String>> expected = new TreeMap<>();
      List<String> kept = List.of("model", "source", "seed", "snapshot");
      java.util.Set<String> nodes = new java.util.TreeSet<>(f.oracle.ancestors(model));
      nodes.add(model);
      nodes.stream().filter(id -> kept.contains(id.split("\\.")[0]))
          .forEach(id -> expected.put(id, f.oracle.parents(id)));
      Map<String, List<String>> actual = new TreeMap<>();
      for (JsonNode n : data.at("/environment/applied/lineage")) {
        List<String> parents = new ArrayList<>();
        n.path("parentIds").forEach(p -> parents.add(p.asText()));
        actual.put(n.path("uniqueId").asText(), parents);
        assertThat(n.path("matchesMethod").asBoolean()).isEqualTo(n.path("uniqueId").asText().equals(model));
      }
      assertThat(actual).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void ancestorsFreshness(Supplier<List<Path>> paths) {
    try (Fixture f = Fixture.of(paths)) {
      String model = f.oracle.deepestModel();
      JsonNode data = Gql.data(f.graphql, """
          query ($id: String!) { environment(id: "default") { applied {
              models(filter: {uniqueIds: [$id]}) { edges { node {
                ancestors(types: [Source]) { uniqueId ... on SourceAppliedStateNestedNode { freshness { freshnessStatus } } } } } } } } }""",
          Map.of("id", model));
      Map<String, String> expected = new TreeMap<>();
      f.oracle.ancestors(model).stream().filter(id -> id.startsWith("source."))
          .forEach(id -> expected.put(id, f.oracle.latestChecks.containsKey(id)
              ? FreshnessRun.status(f.oracle.latestChecks.get(id).status()) : "Unknown"));
      Map<String, String> actual = new LinkedHashMap<>();
      List<JsonNode> models = Gql.nodes(data.at("/environment/applied/models"));
      assertThat(models).hasSize(1);
      models.get(0).path("ancestors").forEach(a -> actual.put(a.path("uniqueId").asText(),
          a.at("/freshness/freshnessStatus").asText()));
      assertThat(actual).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void modelHistory(Supplier<List<Path>> paths) {
    try (Fixture f = Fixture.of(paths)) {
      String model = f.oracle.ids("model").stream()
          .max(Comparator.comparing((String id) -> f.oracle.history(id).size()).thenComparing(Comparator.naturalOrder()))
          .orElseThrow();
      JsonNode data = Gql.data(f.graphql, """
          query ($id: String) { environment(id: "default") { applied {
              modelHistoricalRuns(uniqueId: $id, lastRunCount: 10) { invocationId status executionTime error } } } }""",
          Map.of("id", model));
      List<String> expected = f.oracle.history(model).stream().limit(10)
          .map(r -> r.invocationId() + " " + r.status() + " " + r.executionTime()).toList();
      List<String> actual = new ArrayList<>();
      data.at("/environment/applied/modelHistoricalRuns").forEach(r -> actual.add(
          r.path("invocationId").asText() + " " + r.path("status").asText() + " "
              + (r.path("executionTime").isNull() ? null : r.path("executionTime").asDouble())));
      assertThat(actual).isEqualTo(expected);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asText();
  }

  private static long count(Map<String, String> m, String value) {
    return m.values().stream().filter(value::equals).count();
  }
}
