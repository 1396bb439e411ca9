package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.Recommendation;
import dev.dbtlens.Recommendations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client's recommendations document in the beta endpoint's shape, run unchanged on the sample. */
class RecommendationsGraphQLTest {
  /** As a client writes it: variables typed as the beta's clients type them, aliases, a comment. */
  static final String CLIENT = """
      query Recommendations($environmentId: BigInt!, $first: Int!, $after: String, $filter: RuleFilter) {
        recommendations(environmentId: $environmentId) {
          metrics { name value }
          rules(first: $first, after: $after, filter: $filter) {
            edges { node { name category severity uniqueId violationId description } }
            pageInfo { startCursor endCursor hasNextPage }
            totalCount  # every violation that matches
          }
        }
      }""";

  @RegisterExtension static final SampleGraphQL SAMPLE = new SampleGraphQL();

  static Map<String, Object> vars(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Pages through every violation the way clients do, stopping when hasNextPage is false. */
  static List<JsonNode> walk(Map<String, Object> filter, int pageSize, int[] totalCount) {
    List<JsonNode> out = new ArrayList<>();
    String after = null;
    while (true) {
      JsonNode rules = Gql.data(SAMPLE.graphql(), CLIENT, vars("environmentId", 1, "first", pageSize, "after", after,
          "filter", filter)).path("recommendations").path("rules");
      totalCount[0] = rules.path("totalCount").asInt();
      out.addAll(Gql.nodes(rules));
      if (!rules.path("pageInfo").path("hasNextPage").asBoolean()) {
        return out;
      }
      after = rules.path("pageInfo").path("endCursor").asText();
    }
  }

  @Test
  void pagesThroughEveryViolationAsTheJavaApiListsThem() {
    Recommendations expected = SAMPLE.lens().recommendations(Sample.ENV, null);
    int[] total = new int[1];
    List<JsonNode> all = walk(null, 7, total);
    assertThat(total[0]).isEqualTo(expected.violations().size()).isGreaterThan(7);
    assertThat(Gql.texts(all, "/violationId"))
        .isEqualTo(expected.violations().stream().map(Recommendation::violationId).toList());
    assertThat(Gql.texts(all, "/name"))
        .isEqualTo(expected.violations().stream().map(Recommendation::ruleName).toList());
    JsonNode metrics = Gql.data(SAMPLE.graphql(), CLIENT, vars("environmentId", "1", "first", 1))
        .path("recommendations").path("metrics");
    Map<String, Double> byName = new HashMap<>();
    metrics.forEach(m -> byName.put(m.path("name").asText(), m.path("value").asDouble()));
    assertThat(byName.get("test_coverage_pct")).isEqualTo(expected.metric("test_coverage_pct").orElseThrow());
    assertThat(byName.get("total_violations")).isEqualTo((double) expected.violations().size());
  }

  @Test
  void filtersByCategorySeverityRuleAndNode() {
    Recommendations expected = SAMPLE.lens().recommendations(Sample.ENV, null);
    int[] total = new int[1];
    List<JsonNode> governance = walk(Map.of("categories", List.of("governance"), "severity", "warn"), 3, total);
    long want = expected.violations().stream().filter(v -> v.category().equals("governance")).count();
    assertThat(want).isEqualTo(13);
    assertThat(governance).hasSize((int) want);
    assertThat(total[0]).isEqualTo((int) want);
    assertThat(Gql.texts(governance, "/category")).containsOnly("governance");
    assertThat(walk(Map.of("severity", List.of("error")), 10, total)).isEmpty();
    assertThat(total[0]).isZero();
    Recommendation one = expected.violations().get(0);
    List<JsonNode> byNode = walk(Map.of("ruleNames", List.of(one.ruleName()), "uniqueIds", List.of(one.uniqueId())),
        10, total);
    assertThat(Gql.texts(byNode, "/violationId")).contains(one.violationId());
    assertThat(Gql.texts(byNode, "/uniqueId")).containsOnly(one.uniqueId());
  }

  @Test
  void settingsChangeThresholdsAndSeverities() {
    String q = """
        { recommendations(environmentId: 1, settings: [{name: "severity", value: "error"}]) {
            rules(first: 1, filter: {severity: "error"}) { totalCount } } }""";
    int total = Gql.data(SAMPLE.graphql(), q).path("recommendations").path("rules").path("totalCount").asInt();
    assertThat(total).isEqualTo(SAMPLE.lens().recommendations(Sample.ENV, null).violations().size());
  }

  @Test
  void unknownEnvironmentsAndCursorsAreErrors() {
    assertThat(Gql.messages(SAMPLE.graphql().execute(CLIENT, vars("environmentId", 99, "first", 5))))
        .singleElement().asString().contains("Environment 99 not found");
    assertThat(Gql.messages(SAMPLE.graphql().execute(CLIENT, vars("environmentId", 1, "first", 5, "after", "bm9wZQ"))))
        .singleElement().asString().contains("Invalid cursor 'bm9wZQ'");
  }
}
