package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The beta endpoint's {@code searchResults} and {@code account} with client documents in the shape
 * of {@code ../shared/discovery-api/README.md}, unchanged: variables declared as the clients do,
 * ids as strings and numbers. Search runs over a real manifest (Tuva v11; expected counts from
 * python3 over its JSON), mesh over the two projects of {@code testdata/mesh}.
 */
class DiscoveryBetaSearchMeshTest {
  private static final Path MESH = Path.of("..", "testdata", "mesh").toAbsolutePath().normalize();
  private static DbtLens lens;
  private static DbtLensGraphQL graphql;

  static final String SEARCH = """
      query SearchResults($environmentId: BigInt!, $filter: SearchQueryFilter!, $first: Int, $after: String) {
        environment(id: $environmentId) {
          applied {
            searchResults(filter: $filter, first: $first, after: $after) {
              edges {
                cursor
                node {
                  highlight
                  matchedField
                  hit { accountId description environmentId filePath meta name projectId resourceType tags uniqueId }
                }
              }
              pageInfo { startCursor endCursor hasNextPage }
              totalCount
            }
          }
        }
      }""";

  static final String MESH_PROJECTS = """
      query MeshProjects($accountId: BigInt!) {
        account(id: $accountId) {
          meshProjects {
            dbtCoreProject dbtCloudProject projectId defaultEnvironmentId isProducer isConsumer
            projectSummary { totalNodes totalModels publicModels sources metrics semanticModels tests snapshots exposures macros seeds }
            dependentProjects { projectId dbtCoreProject defaultEnvironmentId dependentModelsCount }
          }
        }
      }""";

  static final String PUBLIC_MODELS = """
      query PublicModels($accountId: BigInt!, $filter: PublicModelsFilter, $first: Int, $after: String) {
        account(id: $accountId) {
          publicModels(filter: $filter, first: $first, after: $after) {
            edges {
              node {
                uniqueId name accountId projectId environmentId isDefaultEnv environmentDeploymentType
                dbtCoreProject packageName fqn group database schema identifier relationName columnCount
                materializationType lastRunStatus healthIssues latestVersion deprecationDate description
                runGeneratedAt
                dependentProjects { projectId dbtCoreProject }
                publicAncestors { uniqueId name dbtCoreProject projectId }
              }
            }
            pageInfo { endCursor hasNextPage }
            totalCount
          }
        }
      }""";

  @BeforeAll
  static void ingest() {
    lens = DbtLens.inMemory();
    lens.ingest(IngestOptions.defaults().withEnvironment("platform-prod"), List.of(MESH.resolve("platform")));
    lens.ingest(IngestOptions.defaults().withEnvironment("finance-prod"), List.of(MESH.resolve("finance")));
    lens.ingest(IngestOptions.defaults().withEnvironment("platform-dev"), List.of(MESH.resolve("platform/manifest.json")));
    lens.ingest(IngestOptions.defaults().withEnvironment("tuva"),
        List.of(SharedArtifacts.file("tuva/manifest-v11_dbt-1.7.8_41072bf5/manifest.json")));
    graphql = DbtLensGraphQL.create(lens);
  }

  @AfterAll
  static void close() {
    lens.close();
  }

  private static Map<String, Object> vars(Object... kv) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], kv[i + 1]);
    }
    return out;
  }

  @Test
  void searchDescriptionsOfModels() {
    JsonNode r = Gql.data(graphql, SEARCH, vars("environmentId", "4", "first", 100, "filter",
        Map.of("query", "pharmacy", "fields", List.of("description"), "resourceTypes", List.of("Model"))))
        .at("/environment/applied/searchResults");
    assertThat(r.path("totalCount").asInt()).isEqualTo(6);
    assertThat(Gql.texts(Gql.nodes(r), "/hit/uniqueId")).containsExactlyInAnyOrder(
        "model.input_layer.pharmacy_claim",
        "model.the_tuva_project.core__pharmacy_claim",
        "model.the_tuva_project.core__stg_claims_pharmacy_claim",
        "model.the_tuva_project.insights__orphan_claim_by_claim_type",
        "model.the_tuva_project.normalized_input__pharmacy_claim",
        "model.the_tuva_project.quality_measures__stg_pharmacy_claim");
    JsonNode first = Gql.nodes(r).get(0);
    assertThat(first.path("matchedField").asText()).isEqualTo("description");
    assertThat(first.path("highlight").asText()).containsIgnoringCase("<em>pharmacy</em>");
    assertThat(first.at("/hit/accountId").asLong()).isEqualTo(1);
    assertThat(first.at("/hit/environmentId").asLong()).isEqualTo(4);
    assertThat(first.at("/hit/projectId").asLong()).isEqualTo(4);
    assertThat(first.at("/hit/resourceType").asText()).isEqualTo("model");
  }

  @Test
  void searchPagesWithCursors() {
    Map<String, Object> filter = Map.of("query", "pharmacy", "resourceTypes", "Model",
        "materializationTypes", List.of("table", "view", "ephemeral"));
    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    while (true) {
      JsonNode r = Gql.data(graphql, SEARCH, vars("environmentId", 4, "first", 10, "after", after, "filter", filter))
          .at("/environment/applied/searchResults");
      assertThat(r.path("totalCount").asInt()).isEqualTo(32);
      seen.addAll(Gql.texts(Gql.nodes(r), "/hit/uniqueId"));
      pages++;
      if (!r.at("/pageInfo/hasNextPage").asBoolean()) {
        break;
      }
      after = r.at("/pageInfo/endCursor").asText();
    }
    assertThat(pages).isEqualTo(4);
    assertThat(seen).hasSize(32).doesNotHaveDuplicates();
  }

  @Test
  void searchFilters() {
    JsonNode r = Gql.data(graphql, """
        { environment(id: 4) { applied {
            searchResults(filter: {query: "pharmacy", resourceTypes: [Model], accessLevels: [protected],
                                   tags: ["claims_preprocessing"], materializationTypes: ["EPHEMERAL"]}) { totalCount }
            public: searchResults(filter: {query: "pharmacy", accessLevels: [public]}) { totalCount } } } }""");
    // python3: 1 model matches "pharmacy", is tagged claims_preprocessing and is ephemeral
    assertThat(r.at("/environment/applied/searchResults/totalCount").asInt()).isEqualTo(1);
    assertThat(r.at("/environment/applied/public/totalCount").asInt()).isZero();
  }

  @Test
  void nodesCarryTheAccountAndTheirProjectsId() {
    JsonNode r = Gql.data(graphql, """
        { finance: environment(id: 2) { applied { models(first: 1) { edges { node { accountId projectId } } } } }
          platformDev: environment(id: 3) { applied { models(first: 1) { edges { node { accountId projectId } } } } }
          tuva: environment(id: 4) { definition { macros(first: 1) { edges { node { accountId projectId } } } } } }""");
    // finance's project id is its only environment's id (2); platform-dev (3) shares platform's (1)
    assertThat(r.at("/finance/applied/models/edges/0/node/accountId").asLong()).isEqualTo(1);
    assertThat(r.at("/finance/applied/models/edges/0/node/projectId").asLong()).isEqualTo(2);
    assertThat(r.at("/platformDev/applied/models/edges/0/node/projectId").asLong()).isEqualTo(1);
    assertThat(r.at("/tuva/definition/macros/edges/0/node/projectId").asLong()).isEqualTo(4);
  }

  @Test
  void meshProjects() {
    JsonNode r = Gql.data(graphql, MESH_PROJECTS, vars("accountId", "1")).at("/account/meshProjects");
    assertThat(Gql.texts(r, "/dbtCoreProject")).containsExactly("platform", "finance", "input_layer");
    JsonNode platform = r.get(0);
    assertThat(platform.path("projectId").asLong()).isEqualTo(1);
    assertThat(platform.path("isProducer").asBoolean()).isTrue();
    assertThat(platform.path("isConsumer").asBoolean()).isTrue();
    assertThat(platform.at("/projectSummary/totalModels").asInt()).isEqualTo(5);
    assertThat(platform.at("/projectSummary/publicModels").asInt()).isEqualTo(2);
    assertThat(Gql.texts(platform.path("dependentProjects"), "/dbtCoreProject")).containsExactly("finance");
    assertThat(platform.at("/dependentProjects/0/dependentModelsCount").asInt()).isEqualTo(2);
    assertThat(r.get(2).path("isProducer").asBoolean()).isFalse();
  }

  @Test
  void publicModelsWithFilterAndPaging() {
    JsonNode all = Gql.data(graphql, PUBLIC_MODELS, vars("accountId", 1, "first", 2))
        .at("/account/publicModels");
    assertThat(all.path("totalCount").asInt()).isEqualTo(5);
    assertThat(all.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
    JsonNode rest = Gql.data(graphql, PUBLIC_MODELS, vars("accountId", 1, "first", 10,
        "after", all.at("/pageInfo/endCursor").asText())).at("/account/publicModels");
    assertThat(Gql.nodes(rest)).hasSize(3);

    JsonNode revenue = Gql.nodes(Gql.data(graphql, PUBLIC_MODELS, vars("accountId", 1, "filter",
        Map.of("dbtCoreProjectName", "finance"))).at("/account/publicModels")).get(0);
    assertThat(revenue.path("uniqueId").asText()).isEqualTo("model.finance.revenue");
    assertThat(revenue.path("isDefaultEnv").asBoolean()).isTrue();
    assertThat(revenue.at("/publicAncestors/0/uniqueId").asText()).isEqualTo("model.platform.fct_orders");
    assertThat(revenue.at("/publicAncestors/0/projectId").asLong()).isEqualTo(1);
    assertThat(Gql.texts(revenue.path("dependentProjects"), "/dbtCoreProject")).containsExactly("platform");

    JsonNode dim = Gql.nodes(Gql.data(graphql, PUBLIC_MODELS, vars("accountId", 1, "filter",
        Map.of("uniqueIds", List.of("model.platform.dim_customers"), "environmentIds", List.of("1"))))
        .at("/account/publicModels")).get(0);
    assertThat(dim.path("lastRunStatus").asText()).isEqualTo("error");
    assertThat(Gql.texts(dim.path("healthIssues"), "")).containsExactly("last_run_error");
    assertThat(dim.path("columnCount").asInt()).isEqualTo(2);
    assertThat(dim.path("runGeneratedAt").asText()).isEqualTo("2026-11-02T06:05:00Z");
  }

  @Test
  void unknownAccount() {
    GraphQLResult r = graphql.execute(MESH_PROJECTS, vars("accountId", 7));
    assertThat(Gql.messages(r)).singleElement().asString().contains("Account 7 not found");
  }
}
