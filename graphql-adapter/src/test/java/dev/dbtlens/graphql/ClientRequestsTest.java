package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests the way public Discovery API clients send them (../shared/discovery-api/README.md):
 * BigInt ids as numbers and strings, undeclared variables, explicit nulls, a single value for a
 * list, enum values as strings, operationName, __typename at the root, @include, aliases inside
 * inline fragments on every node interface, trailing commas and comments.
 */
class ClientRequestsTest {
  @RegisterExtension static final SampleGraphQL SAMPLE = new SampleGraphQL();

  private static JsonNode data(String query, Map<String, Object> variables) {
    return Gql.data(SAMPLE.graphql(), query, variables);
  }

  private static Map<String, Object> vars(Object... kv) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], kv[i + 1]);
    }
    return out;
  }

  @Test
  void environmentIdsAreBigIntsSentAsNumbersOrStringsOrTheName() {
    String q = "query ($environmentId: BigInt!) { environment(id: $environmentId) { id name } }";
    for (Object id : List.of(1, 1L, "1", "default")) {
      JsonNode e = data(q, vars("environmentId", id)).path("environment");
      assertThat(e.path("id").asLong()).as("%s", id).isEqualTo(1);
      assertThat(e.path("name").asText()).isEqualTo("default");
    }
    assertThat(data("{ environment(id: 1) { name } }", Map.of()).at("/environment/name").asText())
        .isEqualTo("default");
    assertThat(Gql.messages(SAMPLE.graphql().execute(q, vars("environmentId", 7))))
        .containsExactly("Environment 7 not found; the database has [1 (default)].");
  }

  @Test
  void undeclaredVariablesAreIgnoredAndOptionalOnesMayBeNull() {
    Map<String, Object> v = new HashMap<>();
    v.put("environmentId", 1);
    v.put("first", null);
    v.put("after", null);
    v.put("notDeclared", "x");
    JsonNode models = data("""
        query ($environmentId: BigInt!, $first: Int, $after: String) {
          environment(id: $environmentId) { applied { models(first: $first, after: $after) { totalCount } } } }""", v);
    assertThat(models.at("/environment/applied/models/totalCount").asInt())
        .isEqualTo(Sample.latestManifest().path("nodes").findValues("resource_type").stream()
            .filter(t -> t.asText().equals("model")).count());
  }

  @Test
  void aSingleValueStandsForAListAndEnumValuesComeAsStrings() {
    JsonNode d = data("""
        query ($environmentId: BigInt!, $ids: [String!], $types: [ResourceNodeType!]!, $field: AppliedModelSortField!,
               $direction: SortDirection!) {
          environment(id: $environmentId) { applied {
            models(filter: {uniqueIds: $ids}, sort: {field: $field, direction: $direction}) { edges { node { uniqueId } } }
            resources(filter: {types: $types}) { totalCount }
            literal: models(filter: {uniqueIds: "model.shop.fct_orders"}) { totalCount } } } }""",
        vars("environmentId", "1", "ids", "model.shop.fct_orders", "types", "Model",
            "field", "executionTime", "direction", "desc"));
    JsonNode applied = d.at("/environment/applied");
    assertThat(Gql.texts(Gql.nodes(applied.path("models")), "/uniqueId")).containsExactly("model.shop.fct_orders");
    assertThat(applied.at("/literal/totalCount").asInt()).isEqualTo(1);
    assertThat(applied.at("/resources/totalCount").asInt()).isGreaterThan(1);
  }

  @Test
  void operationNameTypenameIncludeCommasAndComments() {
    String doc = """
        # a client's document: two operations, comments, trailing commas
        query Models($environmentId: BigInt!, $withTests: Boolean = false,) {
          __typename
          environment(id: $environmentId,) {
            applied {
              models(first: 2,) { edges { node { uniqueId tests @include(if: $withTests) { uniqueId } } } } # trailing
            }
          }
        }
        query Other { __typename }""";
    GraphQLResult r = SAMPLE.graphql().execute(doc, vars("environmentId", 1, "withTests", true), "Models");
    assertThat(r.errors()).isEmpty();
    JsonNode d = Sample.MAPPER.valueToTree(r.data());
    assertThat(d.path("__typename").asText()).isEqualTo("Query");
    assertThat(Gql.nodes(d.at("/environment/applied/models")).get(0).has("tests")).isTrue();
    JsonNode without = data(doc.replace("query Other { __typename }", ""), vars("environmentId", 1));
    assertThat(Gql.nodes(without.at("/environment/applied/models")).get(0).has("tests")).isFalse();
  }

  @Test
  void inlineFragmentsWithAliasesOnEveryNodeInterface() {
    JsonNode d = data("""
        query ($environmentId: BigInt!) { environment(id: $environmentId) {
          applied {
            resources(filter: {types: [Model, Source, Seed, Test, Exposure]}, first: 500) { edges { node {
              t: __typename
              ... on ModelAppliedStateNode { m: name up: parents { t: __typename ... on SourceAppliedStateNestedNode { s: sourceName } } }
              ... on SourceAppliedStateNode { s: sourceName fresh: freshness { st: freshnessStatus } }
              ... on TestAppliedStateNode { k: lastKnownResult ty: testType }
            } } }
            lineage(filter: {select: "+fct_orders"}) { t: __typename id: uniqueId
              ... on ModelLineageNode { st: lastRunStatus layer: modelingLayer }
              ... on LineageNodeWithParents { p: parentIds }
              ... on SourceLineageNode { src: sourceName } }
          }
          definition {
            resources(filter: {types: [Model, Source]}) { edges { node {
              t: __typename ... on ModelDefinitionNode { c: children { t: __typename ... on ModelDefinitionNestedNode { a: alias } } } } } }
          } } }""", vars("environmentId", 1)).path("environment");
    List<String> types = Gql.texts(Gql.nodes(d.at("/applied/resources")), "/t");
    assertThat(types).contains("ModelAppliedStateNode", "SourceAppliedStateNode", "SeedAppliedStateNode",
        "TestAppliedStateNode");
    assertThat(Gql.texts(d.at("/applied/lineage"), "/t")).contains("ModelLineageNode", "SourceLineageNode");
    assertThat(Gql.texts(Gql.nodes(d.at("/definition/resources")), "/t"))
        .containsOnly("ModelDefinitionNode", "SourceDefinitionNode");
  }

  @Test
  void jobsByNumericIdAndTheDeprecatedJobLevelRoots() {
    JsonNode runs = data("{ environment(id: 1) { runs { runId jobId jobName invocationId } } }", Map.of())
        .at("/environment/runs");
    JsonNode latestBuild = null;
    for (JsonNode r : runs) {
      if ("build".equals(r.path("jobName").asText()) && latestBuild == null) {
        latestBuild = r;
      }
    }
    assertThat(latestBuild).isNotNull();
    long jobId = latestBuild.path("jobId").asLong();
    JsonNode byNumber = data("""
        query ($jobId: BigInt!, $runId: BigInt) { job(id: $jobId, runId: $runId) { id runId invocationId
          models(first: 3) { uniqueId status paginationCursor runResults { status } } } }""",
        vars("jobId", jobId, "runId", null)).path("job");
    assertThat(byNumber.path("invocationId").asText()).isEqualTo(latestBuild.path("invocationId").asText());
    assertThat(byNumber.path("models")).hasSizeLessThanOrEqualTo(3);
    String cursor = byNumber.at("/models/0/paginationCursor").asText();
    JsonNode next = data("query ($j: BigInt!, $a: String) { job(id: $j) { models(first: 1, after: $a) { uniqueId } } }",
        vars("j", String.valueOf(jobId), "a", cursor)).at("/job/models");
    assertThat(next.get(0).path("uniqueId").asText()).isEqualTo(byNumber.at("/models/1/uniqueId").asText());
    JsonNode deprecated = data("query ($j: Int!) { models(jobId: $j) { uniqueId } m: modelByEnvironment(environmentId: 1, "
        + "uniqueId: \"model.shop.fct_orders\", lastRunCount: 2) { uniqueId runId status runResults { status } } }",
        vars("j", (int) jobId));
    assertThat(deprecated.path("models")).isNotEmpty();
    assertThat(deprecated.path("m")).isNotEmpty().hasSizeLessThanOrEqualTo(2);
  }
}
