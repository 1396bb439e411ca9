package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.DbtLens;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code versions} lists every version of a versioned model (the models of the same package and
 * name with a {@code version}) with its release version against {@code latest_version}; an
 * unversioned model has none. The sample's latest manifest has {@code dim_customers} v1 and v2,
 * latest version 2 (testdata/sample/shop/005-run/manifest.json).
 */
class ModelVersionsTest {
  @Test
  void versionsOfTheSamplesVersionedModel() {
    try (DbtLens lens = Sample.lens()) {
      JsonNode data = Gql.data(DbtLensGraphQL.create(lens), """
          { environment(id: "default") { applied { models(first: 10,
              filter: {uniqueIds: ["model.shop.dim_customers.v1", "model.shop.fct_orders"]}) { edges { node {
            uniqueId version versions { name releaseVersion uniqueId } } } } } } }""");
      List<JsonNode> models = Gql.nodes(data.at("/environment/applied/models"));
      assertThat(Gql.texts(models, "/uniqueId")).containsExactly("model.shop.dim_customers.v1", "model.shop.fct_orders");
      assertThat(models.get(0).path("version").asText()).isEqualTo("1");
      JsonNode versions = models.get(0).path("versions");
      assertThat(Gql.texts(versions, "/uniqueId"))
          .containsExactly("model.shop.dim_customers.v1", "model.shop.dim_customers.v2");
      assertThat(Gql.texts(versions, "/releaseVersion")).containsExactly("old", "latest");
      assertThat(Gql.texts(versions, "/name")).containsExactly("dim_customers", "dim_customers");
      assertThat(models.get(1).path("versions")).isEmpty();
    }
  }
}
