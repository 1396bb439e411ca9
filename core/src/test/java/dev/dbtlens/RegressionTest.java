package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regressions found in review, each named after what broke. */
class RegressionTest {
  private static final String JAFFLE = "dbt-artifacts-parser/manifest/v12/jaffle_shop/manifest_1.10.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;

  private Path variant(String name, java.util.function.Consumer<ObjectNode> change) throws Exception {
    ObjectNode root = (ObjectNode) MAPPER.readTree(SharedArtifacts.file(JAFFLE).toFile());
    change.accept(root);
    Path out = tmp.resolve(name + "-manifest.json");
    MAPPER.writeValue(out.toFile(), root);
    return out;
  }

  @Test
  void aLineageObjectKeepsAnsweringFromItsManifestAfterALaterIngest() throws Exception {
    Path bigger = variant("bigger", root -> {
      ((ObjectNode) root.get("metadata")).put("invocation_id", "later").put("generated_at", "2030-01-01T00:00:00Z");
      ObjectNode copy = root.get("nodes").get("model.jaffle_shop.orders").deepCopy();
      copy.put("unique_id", "model.jaffle_shop.orders_copy").put("name", "orders_copy");
      ((ObjectNode) root.get("nodes")).set("model.jaffle_shop.orders_copy", copy);
      ((ObjectNode) root.get("parent_map")).set("model.jaffle_shop.orders_copy", MAPPER.createArrayNode());
    });
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file(JAFFLE));
      Lineage before = lens.lineage("default");
      int nodes = before.nodes().size();
      lens.ingest(bigger);
      assertThat(before.select(Selection.of("orders"))).isNotEmpty();
      assertThat(before.nodes()).hasSize(nodes);
      assertThat(lens.lineage("default").nodes()).hasSize(nodes + 1);
    }
  }

  @Test
  void aUniqueIdDefinedTwiceIsRefused() throws Exception {
    Path twice = variant("twice", root -> ((ObjectNode) root.get("exposures"))
        .set("model.jaffle_shop.orders", root.get("nodes").get("model.jaffle_shop.orders")));
    try (DbtLens lens = DbtLens.inMemory()) {
      assertThatThrownBy(() -> lens.ingest(twice)).isInstanceOf(ArtifactFormatException.class)
          .hasMessageContaining("unique_id 'model.jaffle_shop.orders' is defined more than once");
      assertThat(RealArtifactsTest.count(lens, "SELECT count(*) FROM artifacts")).isZero();
    }
  }

  @Test
  void aNullParentMapFallsBackToDependsOn() throws Exception {
    Path nullMap = variant("null", root -> root.putNull("parent_map"));
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(nullMap);
      assertThat(lens.lineage("default").upstream(NodeId.of("model.jaffle_shop.orders"), 1)).extracting(NodeId::value)
          .containsExactlyInAnyOrder("model.jaffle_shop.order_items", "model.jaffle_shop.stg_orders");
    }
  }

  @Test
  void timestampsWithCompactOffsetsAreRead() throws Exception {
    Path compact = variant("compact", root -> ((ObjectNode) root.get("metadata"))
        .put("invocation_id", "compact").put("generated_at", "2030-01-01T01:00:00+0100"));
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(compact);
      try (Connection c = lens.connection()) {
        assertThat(RealArtifactsTest.text(c, "SELECT CAST(generated_at AS VARCHAR) FROM invocations")).isEqualTo("2030-01-01 00:00:00");
      }
    }
  }

  @Test
  void aConnectionTakenDuringWorkIsInAutoCommitMode() throws Exception {
    try (DbtLens lens = DbtLens.inMemory(); Connection c = lens.connection()) {
      assertThat(c.getAutoCommit()).isTrue();
    }
  }
}
