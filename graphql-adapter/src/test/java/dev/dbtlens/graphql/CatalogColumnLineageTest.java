package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Column lineage on {@code catalog.columns} of applied nodes, and the ids of {@code column.lineage},
 * on the shop sample. Expected values read from the sample's artifacts with python3: the compiled
 * SQL of every model selecting from int_deals_unioned (fct_events, fct_order_items and fct_shipments
 * select its deal_id), the unique + not_null tests (int_deals_unioned.deal_id,
 * stg_hubspot__deals.deal_id, fct_shipments.shipment_id; fct_shipments.deal_id only not_null), the
 * run_results (stg_hubspot__deals last succeeded in 003-build, run 3; int_deals_unioned and
 * fct_shipments in 005-run, run 5).
 */
class CatalogColumnLineageTest {
  @RegisterExtension static final SampleGraphQL SAMPLE = new SampleGraphQL();

  @Test
  void catalogColumnsOfAPageOfModelsAndSources() {
    JsonNode data = Gql.data(SAMPLE.graphql(), """
        { environment(id: 1) { applied {
          models(first: 100, filter: {uniqueIds: ["model.shop.int_deals_unioned", "model.shop.stg_hubspot__deals"]}) {
            edges { node { uniqueId catalog { columns { name description descriptionOriginColumnName
              descriptionOriginResourceUniqueId inheritedDescription columnUniqueId transformationType expression
              parentColumns childColumns isPrimaryKey lineageIsError lineageErrorCategory } } } } }
          sources(first: 100, filter: {uniqueIds: ["source.shop.hubspot.deals"]}) {
            edges { node { catalog { columns { name descriptionOriginColumnName parentColumns childColumns isPrimaryKey } } } } } } } }""");
    JsonNode applied = data.path("environment").path("applied");
    List<JsonNode> models = Gql.nodes(applied.path("models"));
    JsonNode unioned = column(models, "model.shop.int_deals_unioned", "DEAL_ID");
    assertThat(unioned.path("columnUniqueId").asText()).isEqualTo("model.shop.int_deals_unioned.deal_id");
    assertThat(unioned.path("transformationType").asText()).isEqualTo("passthrough");
    assertThat(unioned.path("parentColumns").toString()).isEqualTo("[\"model.shop.stg_hubspot__deals.deal_id\"]");
    assertThat(Gql.texts(unioned.path("childColumns"), "")).containsExactlyInAnyOrder(
        "model.shop.fct_events.deal_id", "model.shop.fct_order_items.deal_id", "model.shop.fct_shipments.deal_id");
    assertThat(unioned.path("isPrimaryKey").asBoolean()).isTrue();
    assertThat(unioned.path("descriptionOriginColumnName").asText()).isEqualTo("deal_id");
    assertThat(unioned.path("descriptionOriginResourceUniqueId").asText()).isEqualTo("model.shop.int_deals_unioned");
    assertThat(unioned.path("inheritedDescription").asText()).isEqualTo("Primary key: one row per deal.");
    JsonNode loaded = column(models, "model.shop.int_deals_unioned", "_LOADED_AT");
    assertThat(loaded.path("expression").asText()).isEqualTo("current_timestamp()");
    assertThat(loaded.path("transformationType").asText()).isEqualTo("transformed");
    assertThat(loaded.path("parentColumns").size()).isZero();
    assertThat(loaded.path("descriptionOriginColumnName").isNull()).isTrue();
    assertThat(loaded.path("isPrimaryKey").asBoolean()).isFalse();
    JsonNode renamed = column(models, "model.shop.stg_hubspot__deals", "LOADED_AT");
    assertThat(renamed.path("transformationType").asText()).isEqualTo("renamed");
    assertThat(renamed.path("expression").asText()).isEqualTo("_fivetran_synced");
    assertThat(renamed.path("parentColumns").toString()).isEqualTo("[\"source.shop.hubspot.deals._fivetran_synced\"]");
    // the source's columns: children only, no descriptions (its YAML documents no column)
    JsonNode source = Gql.nodes(applied.path("sources")).get(0).path("catalog").path("columns");
    assertThat(Gql.texts(source, "/name")).containsExactly("ID", "CONTACT_ID", "STATUS", "CREATED_AT", "CHANNEL",
        "_FIVETRAN_SYNCED");
    assertThat(source.get(0).path("childColumns").toString()).isEqualTo("[\"model.shop.stg_hubspot__deals.deal_id\"]");
    assertThat(source.get(5).path("childColumns").toString()).isEqualTo("[\"model.shop.stg_hubspot__deals.loaded_at\"]");
    assertThat(source.get(0).path("parentColumns").size()).isZero();
    assertThat(source.get(0).path("descriptionOriginColumnName").isNull()).isTrue();
    assertThat(source.get(0).path("isPrimaryKey").asBoolean()).isFalse();
  }

  @Test
  void lineageAnswersAccountProjectRunAndPrimaryKey() {
    JsonNode data = Gql.data(SAMPLE.graphql(), """
        { column(environmentId: 1) { lineage(nodeUniqueId: "model.shop.fct_shipments", filters: {columnName: "deal_id", maxDepth: 2}) {
            accountId projectId environmentId runId uniqueId isPrimaryKey } } }""");
    JsonNode list = data.path("column").path("lineage");
    assertThat(Gql.texts(list, "/uniqueId")).containsExactly("model.shop.fct_shipments.deal_id",
        "model.shop.int_deals_unioned.deal_id", "model.shop.stg_hubspot__deals.deal_id");
    assertThat(Gql.texts(list, "/runId")).containsExactly("5", "5", "3");
    assertThat(Gql.texts(list, "/isPrimaryKey")).containsExactly("false", "true", "true");
    // one account and one project in this database (docs/mesh.md: the defaults, 1 and the smallest environment id)
    assertThat(Gql.texts(list, "/accountId")).containsOnly("1");
    assertThat(Gql.texts(list, "/projectId")).containsOnly("1");
  }

  private static JsonNode column(List<JsonNode> nodes, String uniqueId, String name) {
    for (JsonNode n : nodes) {
      if (n.path("uniqueId").asText().equals(uniqueId)) {
        for (JsonNode c : n.path("catalog").path("columns")) {
          if (c.path("name").asText().equals(name)) {
            return c;
          }
        }
      }
    }
    throw new AssertionError("no catalog column " + uniqueId + " " + name);
  }
}
