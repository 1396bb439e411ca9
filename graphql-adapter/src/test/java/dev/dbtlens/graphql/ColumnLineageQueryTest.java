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

/** {@code column { lineage }} on real jaffle_shop artifacts (expected edges read from the compiled SQL). */
class ColumnLineageQueryTest {
  private static DbtLens lens;
  private static DbtLensGraphQL graphql;

  @BeforeAll
  static void ingest() {
    lens = DbtLens.inMemory();
    lens.ingest(IngestOptions.defaults(), List.of(
        SharedArtifacts.file("dbt-artifacts-parser/manifest/v12/jaffle_shop/manifest_1.10.json")));
    graphql = DbtLensGraphQL.create(lens);
  }

  @AfterAll
  static void close() {
    lens.close();
  }

  @Test
  void lineageOfOneColumnBothWays() {
    JsonNode data = Gql.data(graphql, """
        query ($env: BigInt!, $node: String!) {
          column(environmentId: $env) {
            lineage(nodeUniqueId: $node, filters: {columnName: "CUSTOMER_ID", maxDepth: 5}) {
              uniqueId nodeUniqueId name depth relationship transformationType parentColumns childColumns
              description descriptionOriginColumnName descriptionOriginResourceUniqueId isError error errorCategory
            }
          }
        }""", Map.of("env", "1", "node", "model.jaffle_shop.stg_customers"));
    JsonNode list = data.path("column").path("lineage");
    assertThat(Gql.texts(list, "/uniqueId")).containsExactly(
        "model.jaffle_shop.stg_customers.customer_id",
        "source.jaffle_shop.ecom.raw_customers.id",
        "model.jaffle_shop.customers.customer_id");
    JsonNode root = list.get(0);
    assertThat(root.path("relationship").asText()).isEqualTo("root");
    assertThat(root.path("transformationType").asText()).isEqualTo("renamed");
    assertThat(root.path("parentColumns").toString()).isEqualTo("[\"source.jaffle_shop.ecom.raw_customers.id\"]");
    assertThat(root.path("childColumns").toString()).isEqualTo("[\"model.jaffle_shop.customers.customer_id\"]");
    assertThat(root.path("description").asText()).isEqualTo("The unique key for each customer.");
    assertThat(root.path("isError").asBoolean()).isFalse();
    assertThat(list.get(2).path("relationship").asText()).isEqualTo("child");
    assertThat(list.get(2).path("transformationType").asText()).isEqualTo("passthrough");
  }

  @Test
  void isErrorFilterAndUnknownNode() {
    JsonNode data = Gql.data(graphql, """
        { column(environmentId: 1) { lineage(nodeUniqueId: "model.jaffle_shop.customers", filters: {isError: true, maxDepth: 1}) { uniqueId } } }""");
    assertThat(data.path("column").path("lineage").size()).isZero();
    GraphQLResult r = graphql.execute("{ column(environmentId: 1) { lineage(nodeUniqueId: \"model.x.nope\") { uniqueId } } }", Map.of());
    assertThat(Gql.messages(r)).anySatisfy(m -> assertThat(m).contains("no column lineage for model.x.nope"));
  }
}
