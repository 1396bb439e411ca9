package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.introspection.IntrospectionQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Limits and bad input give GraphQL errors, never an exception out of {@code execute}. */
class LimitsAndErrorsTest {
  @RegisterExtension static final SampleGraphQL SAMPLE = new SampleGraphQL();

  private static GraphQLResult run(String query) {
    return SAMPLE.graphql().execute(query, Map.of());
  }

  @Test
  void firstAboveThePageSizeLimitIsAnErrorOnThatField() {
    GraphQLResult r = run("""
        { environment(id: "default") { applied { models(first: 501) { totalCount } seeds { totalCount } } } }""");
    assertThat(Gql.messages(r)).singleElement().asString()
        .contains("'first'", "501", "between 0 and 500");
    assertThat(r.errors().get(0).get("path")).isEqualTo(List.of("environment", "applied", "models"));
    // models is non-null in the Discovery API's schema: its null goes up to the nullable applied
    JsonNode data = Sample.MAPPER.valueToTree(r.data());
    assertThat(data.at("/environment/applied").isNull()).isTrue();
    GraphQLResult apart = run("""
        { environment(id: "default") { a: applied { models(first: 501) { totalCount } }
                                       b: applied { seeds { totalCount } } } }""");
    assertThat(Sample.MAPPER.valueToTree(apart.data()).at("/environment/b/seeds/totalCount").asInt()).isEqualTo(4);
    assertThat(Gql.messages(run("{ environment(id: \"default\") { applied { models(first: -1) { totalCount } } } }")))
        .singleElement().asString().contains("between 0 and 500");
  }

  @Test
  void historyListsAreBoundedLikePages() {
    String history = "{ environment(id: \"default\") { applied { historicalRuns("
        + "uniqueIds: [\"model.shop.fct_orders\"], lastRunCount: %d) { uniqueId } } } }";
    assertThat(Gql.messages(run(history.formatted(600))))
        .singleElement().asString().contains("'lastRunCount'", "600", "between 0 and 500");
    // a huge count is refused before execution: it multiplies the query's complexity
    assertThat(Gql.messages(run(history.formatted(1000000))))
        .singleElement().asString().contains("maximum query complexity exceeded");
    assertThat(Gql.messages(run("{ environment(id: \"default\") { runs(first: 501) { runId } } }")))
        .singleElement().asString().contains("'first' of 'runs'", "between 0 and 500");
  }

  @Test
  void tooDeepAQueryIsRefusedBeforeExecution() {
    // environment, applied, models, edges, node, 10 × parents, uniqueId: depth 16
    String deep = "{ environment(id: \"default\") { applied { models(first: 1) { edges { node { "
        + "parents { ".repeat(10) + "uniqueId" + " }".repeat(10) + " } } } } } }";
    GraphQLResult r = DbtLensGraphQL.create(SAMPLE.lens(), new Limits(15, Integer.MAX_VALUE, 500)).execute(deep, Map.of());
    assertThat(r.data()).isNull();
    assertThat(Gql.messages(r)).singleElement().asString().contains("maximum query depth exceeded 16 > 15");
    assertThat(run(deep).errors()).isNotEmpty();
    GraphQLResult deeper = DbtLensGraphQL.create(SAMPLE.lens(), new Limits(30, Integer.MAX_VALUE, 500)).execute(deep, Map.of());
    assertThat(deeper.errors()).isEmpty();
  }

  @Test
  void tooComplexAQueryIsRefusedBeforeExecution() {
    DbtLensGraphQL strict = DbtLensGraphQL.create(SAMPLE.lens(), new Limits(15, 1000, 500));
    GraphQLResult r = strict.execute("""
        { environment(id: "default") { applied { models(first: 300) { edges { node { uniqueId name } } } } } }""", Map.of());
    assertThat(r.data()).isNull();
    // 1 (environment) + 1 (applied) + 1 + 300 × (1 (edges) + 1 (node) + 2 (fields)) = 1203
    assertThat(Gql.messages(r)).singleElement().asString()
        .isEqualTo("maximum query complexity exceeded 1203 > 1000");
    assertThat(strict.execute("""
        { environment(id: "default") { applied { models(first: 10) { edges { node { uniqueId } } } } } }""",
        Map.of()).errors()).isEmpty();
  }

  @Test
  void aThirdLevelOfNestedListsUnderAFullPageIsRefusedByDefault() {
    GraphQLResult r = run("""
        { environment(id: "default") { applied { models { edges { node {
            ancestors(types: [Model, Seed, Source, Snapshot]) { children { children { uniqueId } } } } } } } } }""");
    assertThat(r.data()).isNull();
    assertThat(Gql.messages(r)).singleElement().asString().startsWith("maximum query complexity exceeded");
    assertThat(run("""
        { environment(id: "default") { applied { models { edges { node {
            ancestors(types: [Model, Seed, Source, Snapshot]) { children { uniqueId } } } } } } } }""").errors()).isEmpty();
  }

  @Test
  void syntaxErrorsUnknownFieldsAndBadVariablesAreSpecErrors() {
    GraphQLResult syntax = run("{ environment(id: \"default\") { applied { ");
    assertThat(syntax.data()).isNull();
    assertThat(syntax.errors()).isNotEmpty();
    assertThat(syntax.errors().get(0)).containsKey("locations");

    GraphQLResult unknown = run("{ environment(id: \"default\") { nonsense } }");
    assertThat(unknown.data()).isNull();
    assertThat(Gql.messages(unknown)).singleElement().asString().contains("nonsense");

    Map<String, Object> vars = new HashMap<>();
    vars.put("first", "many");
    GraphQLResult badVariable = SAMPLE.graphql().execute(
        "query ($first: Int) { environment(id: \"default\") { applied { models(first: $first) { totalCount } } } }", vars);
    assertThat(badVariable.data()).isNull();
    assertThat(badVariable.errors()).isNotEmpty();

    assertThat(run("").errors()).isNotEmpty();
    assertThat(SAMPLE.graphql().execute(null, null).errors()).isNotEmpty();
    assertThat(SAMPLE.graphql().execute("query A { environments { id } } query B { environments { id } }", Map.of())
        .errors()).isNotEmpty();
    assertThat(SAMPLE.graphql().execute("query A { environments { id } } query B { environments { id } }", Map.of(), "B")
        .errors()).isEmpty();
  }

  @Test
  void anUnknownEnvironmentOrJobIsANotFoundError() {
    GraphQLResult r = run("{ environment(id: \"prod\") { id } job(id: \"nightly\") { runId } }");
    assertThat(Gql.messages(r)).containsExactlyInAnyOrder(
        "Environment 'prod' not found; the database has [1 (default)].", "Job 'nightly' not found.");
    assertThat(r.toSpecification()).containsKeys("data", "errors");
  }

  @Test
  void aBadCursorOrSelectorIsAnErrorOnThatField() {
    assertThat(Gql.messages(run("""
        { environment(id: "default") { applied { models(after: "not-a-cursor") { totalCount } } } }""")))
        .singleElement().asString().contains("Invalid cursor");
    assertThat(Gql.messages(run("""
        { environment(id: "default") { applied { lineage(filter: {select: "nosuchmethod:x"}) { uniqueId } } } }""")))
        .singleElement().asString().contains("nosuchmethod");
  }

  @Test
  void aMalformedSelectionSaysWhereInItsExtensions() {
    GraphQLResult r = run("""
        { environment(id: "default") { applied { lineage(filter: {select: "99999999999+stg_orders"}) { uniqueId } } } }""");
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat((String) e.get("message")).doesNotContain("\n").contains("99999999999");
      assertThat(e.get("extensions")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("expression", "99999999999+stg_orders").containsEntry("position", 0);
    });
  }

  @Test
  void filterValuesAreBoundNotSpliced() {
    String[] hostile = {"x' OR '1'='1", "'; DROP TABLE nodes; --", "model.shop.%", "*"};
    for (String value : hostile) {
      Map<String, Object> vars = Map.of("v", value, "ids", List.of(value));
      JsonNode data = Gql.data(SAMPLE.graphql(), """
          query ($v: String, $ids: [String!]) { environment(id: "default") { applied {
            a: models(filter: {uniqueIds: $ids}) { totalCount }
            b: models(filter: {schema: $v}) { totalCount }
            c: sources(filter: {sourceNames: $ids}) { totalCount }
            d: historicalRuns(uniqueIds: $ids) { runId } } } }""", vars);
      assertThat(data.at("/environment/applied/a/totalCount").asInt()).isZero();
      assertThat(data.at("/environment/applied/b/totalCount").asInt()).isZero();
      assertThat(data.at("/environment/applied/c/totalCount").asInt()).isZero();
      assertThat(data.at("/environment/applied/d")).isEmpty();
    }
    assertThat(Gql.data(SAMPLE.graphql(), "{ environment(id: \"default\") { applied { models { totalCount } } } }")
        .at("/environment/applied/models/totalCount").asInt()).isEqualTo(50);
  }

  @Test
  void theStandardIntrospectionQueryFitsTheDefaultLimits() {
    GraphQLResult r = run(IntrospectionQuery.INTROSPECTION_QUERY);
    assertThat(r.errors()).isEmpty();
    assertThat(r.toJson()).contains("ModelAppliedStateNode");
  }
}
