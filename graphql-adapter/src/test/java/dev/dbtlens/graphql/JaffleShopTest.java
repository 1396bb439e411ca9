package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real dbt 1.12 project (jaffle_shop from dbt-artifacts-parser: manifest, run_results of {@code
 * dbt docs generate}, catalog, all of invocation 24ad943b) through the Discovery API's types.
 * Expected values were computed from the JSON with jq; each assertion says how.
 */
class JaffleShopTest {
  private static final String DIR = "dbt-artifacts-parser/";
  private static DbtLens lens;
  private static DbtLensGraphQL graphql;

  @BeforeAll
  static void ingest() {
    lens = DbtLens.inMemory();
    lens.ingest(IngestOptions.defaults(), List.of(
        SharedArtifacts.file(DIR + "manifest/v12/jaffle_shop/manifest_1.12.json"),
        SharedArtifacts.file(DIR + "run_results/v6/jaffle_shop/run_results_1.12.json"),
        SharedArtifacts.file(DIR + "catalog/v1/jaffle_shop/catalog_1.12.json")));
    graphql = DbtLensGraphQL.create(lens);
  }

  @AfterAll
  static void close() {
    if (lens != null) {
      lens.close();
    }
  }

  private static JsonNode env(String body) {
    return Gql.data(graphql, "query ($environmentId: BigInt!) { environment(id: $environmentId) { "
        + body + " } }", Map.of("environmentId", 1)).path("environment");
  }

  @Test
  void countsPerConnection() {
    JsonNode e = env("""
        dbtProjectName adapterType
        definition {
          models { totalCount } sources { totalCount } seeds { totalCount } tests { totalCount }
          metrics { totalCount } semanticModels { totalCount } savedQueries { totalCount } }""");
    // jq -r '.metadata.project_name, .metadata.adapter_type' manifest_1.12.json: jaffle_shop, duckdb
    assertThat(e.path("dbtProjectName").asText()).isEqualTo("jaffle_shop");
    assertThat(e.path("adapterType").asText()).isEqualTo("duckdb");
    JsonNode d = e.path("definition");
    // SOURCES.md: models=13; sources=6; seed:6; tests=27 + unit_tests=3; metrics=23; semantic_models=6; saved_queries=3
    assertThat(d.at("/models/totalCount").asInt()).isEqualTo(13);
    assertThat(d.at("/sources/totalCount").asInt()).isEqualTo(6);
    assertThat(d.at("/seeds/totalCount").asInt()).isEqualTo(6);
    assertThat(d.at("/tests/totalCount").asInt()).isEqualTo(30);
    assertThat(d.at("/metrics/totalCount").asInt()).isEqualTo(23);
    assertThat(d.at("/semanticModels/totalCount").asInt()).isEqualTo(6);
    assertThat(d.at("/savedQueries/totalCount").asInt()).isEqualTo(3);
  }

  @Test
  void semanticModelsSavedQueriesMetricsAndUnitTestsHaveRealTypes() {
    JsonNode d = env("""
        definition {
          semanticModels(first: 1) { edges { node { uniqueId dimensions { name type } entities { name type }
            measures { name agg } } } }
          savedQueries(first: 1) { edges { node { uniqueId queryParams { metrics groupBy where { whereFilters { whereSqlTemplate } } }
            exports { name config { exportAs } } } } }
          metrics(filter: {uniqueIds: ["metric.jaffle_shop.average_order_value"]}) { edges { node { formula label type } } }
          tests(filter: {uniqueIds: ["unit_test.jaffle_shop.order_items.test_supply_costs_sum_correctly"]}) {
            edges { node { testType model numGiven numGivenRows numExpectRows given expect } } } }""")
        .path("definition");
    // jq '.semantic_models | to_entries | sort_by(.key) | .[0]': customers, 4 dimensions, entity customer, no measures (1.12)
    JsonNode sm = Gql.nodes(d.path("semanticModels")).get(0);
    assertThat(sm.path("uniqueId").asText()).isEqualTo("semantic_model.jaffle_shop.customers");
    assertThat(sm.path("dimensions")).hasSize(4);
    assertThat(Gql.texts(sm.path("entities"), "/name")).containsExactly("customer");
    assertThat(sm.path("measures")).isEmpty();
    // jq '.saved_queries | to_entries | sort_by(.key) | .[0].value.query_params'
    JsonNode sq = Gql.nodes(d.path("savedQueries")).get(0);
    assertThat(sq.path("uniqueId").asText()).isEqualTo("saved_query.jaffle_shop.customer_order_metrics");
    assertThat(Gql.texts(sq.at("/queryParams/metrics"), "")).containsExactly(
        "count_lifetime_orders", "lifetime_spend_pretax", "average_order_value");
    assertThat(Gql.texts(sq.at("/queryParams/groupBy"), "")).containsExactly("Entity('customer')");
    assertThat(sq.path("exports")).hasSize(1);
    // jq '.metrics["metric.jaffle_shop.average_order_value"] | .type_params.expr, .label'
    JsonNode metric = Gql.nodes(d.path("metrics")).get(0);
    assertThat(metric.path("formula").asText()).isEqualTo("lifetime_spend_pretax / count_lifetime_orders");
    assertThat(metric.path("label").asText()).isEqualTo("Average Order Value");
    assertThat(metric.path("type").asText()).isEqualTo("derived");
    // jq '.unit_tests[...] | .model, (.given|length), ([.given[].rows|length]|add), (.expect.rows|length)'
    JsonNode unit = Gql.nodes(d.path("tests")).get(0);
    assertThat(unit.path("testType").asText()).isEqualTo("UNIT_TEST");
    assertThat(unit.path("model").asText()).isEqualTo("order_items");
    assertThat(unit.path("numGiven").asInt()).isEqualTo(4);
    assertThat(unit.path("numGivenRows").asInt()).isEqualTo(10);
    assertThat(unit.path("numExpectRows").asInt()).isEqualTo(3);
    assertThat(unit.path("given")).hasSize(4);
  }

  @Test
  void parentsCatalogAndLineageTypes() {
    JsonNode a = env("""
        applied {
          models(filter: {uniqueIds: "model.jaffle_shop.customers"}) { edges { node {
            parents { __typename uniqueId } catalog { columns { name } runGeneratedAt } } } }
          lineage(filter: {select: "+customers"}) { __typename uniqueId
            ... on LineageNodeWithParents { parentIds } } }""").path("applied");
    JsonNode customers = Gql.nodes(a.path("models")).get(0);
    // jq '.nodes["model.jaffle_shop.customers"].depends_on.nodes': stg_customers, orders
    assertThat(Gql.texts(customers.path("parents"), "/uniqueId"))
        .containsExactly("model.jaffle_shop.orders", "model.jaffle_shop.stg_customers");
    assertThat(Gql.texts(customers.path("parents"), "/__typename")).containsOnly("ModelAppliedStateNestedNode");
    // jq '.nodes["model.jaffle_shop.customers"].columns | length' catalog_1.12.json: 9
    assertThat(customers.at("/catalog/columns")).hasSize(9);
    assertThat(customers.at("/catalog/runGeneratedAt").asText()).isEqualTo("2026-08-10T07:03:40.079364Z");
    List<String> types = Gql.texts(a.path("lineage"), "/__typename");
    assertThat(types).contains("ModelLineageNode").allMatch(t -> t.endsWith("LineageNode"));
  }

  @Test
  void theDocsGenerateRunIsAJobWithItsResults() {
    JsonNode runs = env("runs { runId jobId jobName invocationId command }").path("runs");
    // jq '.metadata.invocation_id, .args.which' run_results_1.12.json: 24ad943b..., generate
    assertThat(runs).hasSize(1);
    JsonNode run = runs.get(0);
    assertThat(run.path("invocationId").asText()).isEqualTo("24ad943b-c71e-497c-be0b-d037a3c525ad");
    assertThat(run.path("runId").asLong()).isEqualTo(1);
    JsonNode job = Gql.data(graphql, """
        query ($jobId: BigInt!, $runId: BigInt) { job(id: $jobId, runId: $runId) {
          id runId models { uniqueId status runId jobId } } }""",
        Map.of("jobId", run.path("jobId").asLong(), "runId", "1")).path("job");
    // jq '[.results[] | select(.unique_id | startswith("model."))] | length': 13, all success
    assertThat(job.path("models")).hasSize(13);
    assertThat(Gql.texts(job.path("models"), "/status")).containsOnly("success");
    assertThat(job.path("runId").asLong()).isEqualTo(1);
  }
}
