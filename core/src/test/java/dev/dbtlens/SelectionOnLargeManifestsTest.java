package dev.dbtlens;

import static dev.dbtlens.ManifestOracle.union;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graph operators on the largest real manifests (Ad Reporting v7: 673 nodes, Tuva v11, NetSuite
 * v12), around the model with the most ancestors; plus YAML selectors, source_status and cycles.
 */
class SelectionOnLargeManifestsTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "fivetran-dbt_ad_reporting/manifest-v7_dbt-1.3.0_316dd1fc/manifest.json",
      "tuva/manifest-v11_dbt-1.7.8_41072bf5/manifest.json",
      "fivetran-dbt_netsuite/manifest-v12_dbt-1.11.11_986fb90a/manifest.json"})
  void graphOperatorsMatchParentAndChildMaps(String manifest) {
    ManifestOracle m = new ManifestOracle(SharedArtifacts.file(manifest));
    // the model with the most ancestors, ties by id: a deep node, the interesting case
    String deep = m.where(n -> n.path("resource_type").asText().equals("model")).stream()
        .max(Comparator.comparingInt((String id) -> m.ancestors(List.of(id), -1).size())
            .thenComparing(Comparator.reverseOrder())).orElseThrow();
    String mid = m.ancestors(List.of(deep), 2).stream().filter(id -> id.startsWith("model.")).sorted().findFirst().orElse(deep);
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file(manifest));
      Lineage l = lens.lineage("default");
      String name = deep.substring(deep.lastIndexOf('.') + 1);
      assertThat(ids(l, "+" + name)).isEqualTo(m.withEagerTests(union(Set.of(deep), m.ancestors(List.of(deep), -1))));
      assertThat(ids(l, "3+" + name)).isEqualTo(m.withEagerTests(union(Set.of(deep), m.ancestors(List.of(deep), 3))));
      String midName = mid.substring(mid.lastIndexOf('.') + 1);
      Set<String> down = union(Set.of(mid), m.descendants(List.of(mid), -1));
      assertThat(ids(l, midName + "+")).isEqualTo(m.withEagerTests(down));
      assertThat(ids(l, "+" + midName + "+")).isEqualTo(m.withEagerTests(union(down, m.ancestors(List.of(mid), -1))));
      assertThat(ids(l, "@" + midName)).isEqualTo(m.withEagerTests(union(down, m.ancestors(down, -1))));
      Set<String> viewsUpstream = m.ancestors(List.of(deep), -1);
      viewsUpstream.retainAll(m.where(n -> n.path("config").path("materialized").asText().equals("view")));
      Set<String> expected = m.withEagerTests(union(Set.of(deep), m.ancestors(List.of(deep), -1)));
      expected.retainAll(m.withEagerTests(m.where(n -> n.path("config").path("materialized").asText().equals("view"))));
      assertThat(ids(l, "+" + name + ",config.materialized:view")).isEqualTo(expected);
    }
  }

  private static Set<String> ids(Lineage l, String expression) {
    Set<String> out = new TreeSet<>();
    l.select(Selection.of(expression)).forEach(id -> out.add(id.value()));
    return out;
  }

  @Test
  void yamlSelectorsFromAFileAndTheDefaultSelector() throws Exception {
    Path manifest = SharedArtifacts.file("dbt-artifacts-parser/manifest/v12/jaffle_shop/manifest_1.10.json");
    Path selectors = tmp.resolve("selectors.yml");
    Files.writeString(selectors, """
        selectors:
          - name: marts_without_orders
            definition:
              union:
                - method: path
                  value: models/marts
                - exclude:
                    - orders
          - name: orders_upstream
            default: true
            definition:
              method: fqn
              value: orders
              parents: true
              parents_depth: 1
              indirect_selection: empty
          - name: nested
            definition:
              intersection:
                - selector: marts_without_orders
                - "config.materialized:table"
        """);
    ManifestOracle m = new ManifestOracle(manifest);
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(manifest);
      Lineage l = lens.lineage("default");
      Set<String> marts = m.withEagerTests(m.where(n -> n.path("original_file_path").asText().startsWith("models/marts/")));
      marts.removeAll(m.withEagerTests(Set.of("model.jaffle_shop.orders")));
      assertThat(select(l, new Selection(List.of(), List.of(), "marts_without_orders", selectors, Set.of(), null, null)))
          .isEqualTo(marts);
      Set<String> upstream = union(Set.of("model.jaffle_shop.orders"), m.ancestors(List.of("model.jaffle_shop.orders"), 1));
      assertThat(select(l, new Selection(List.of(), List.of(), null, selectors, Set.of(), null, null)))
          .as("default: true applies without --select").isEqualTo(upstream);
      Set<String> tables = new TreeSet<>(marts);
      tables.retainAll(m.withEagerTests(m.where(n -> n.path("config").path("materialized").asText().equals("table"))));
      assertThat(select(l, new Selection(List.of(), List.of(), "nested", selectors, Set.of(), null, null))).isEqualTo(tables);
      assertThatThrownBy(() -> l.select(new Selection(List.of(), List.of(), "nope", selectors, Set.of(), null, null)))
          .isInstanceOf(SelectorSyntaxException.class)
          .hasMessageContaining("Selector 'nope' not found in " + selectors + " (known: marts_without_orders, orders_upstream, nested)");
    }
  }

  private static Set<String> select(Lineage l, Selection s) {
    Set<String> out = new TreeSet<>();
    l.select(s).forEach(id -> out.add(id.value()));
    return out;
  }

  @Test
  void sourceStatusComparesTheTwoLatestFreshnessRuns() {
    // dbt Fusion, two runs: orders loaded at the same time in both; stripe.payment is new in the
    // later run (so "fresher", as dbt counts sources missing before); both are "Error" in the latest
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file("dbt-fusion_e-elikem+dbt_fundamentals"));
      Lineage l = lens.lineage("default");
      assertThat(select(l, Selection.of("source_status:fresher"))).containsExactly("source.jaffle_shop.stripe.payment");
      assertThat(select(l, Selection.of("source_status:error"))).containsExactly(
          "source.jaffle_shop.jaffle_shop.orders", "source.jaffle_shop.stripe.payment");
      assertThat(select(l, Selection.of("source_status:pass"))).isEmpty();
    }
  }

  @Test
  void aCycleIsReportedWithTheNodesOnIt() throws Exception {
    Path original = SharedArtifacts.file("dbt-artifacts-parser/manifest/v12/jaffle_shop/manifest_1.10.json");
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(original.toFile());
    // stg_orders now also depends on orders, which depends on stg_orders
    ((ArrayNode) root.get("parent_map").get("model.jaffle_shop.stg_orders")).add("model.jaffle_shop.orders");
    Path cyclic = tmp.resolve("manifest.json");
    new ObjectMapper().writeValue(cyclic.toFile(), root);
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(cyclic);
      assertThatThrownBy(() -> lens.lineage("default"))
          .isInstanceOf(ManifestCycleException.class)
          .hasMessageContaining("model.jaffle_shop.orders")
          .hasMessageContaining("model.jaffle_shop.stg_orders")
          .satisfies(e -> {
            // any cycle through the new edge will do; each node on it is a parent of the next
            List<String> cycle = ((ManifestCycleException) e).cycle().stream().map(NodeId::value).toList();
            assertThat(cycle).contains("model.jaffle_shop.orders", "model.jaffle_shop.stg_orders");
            for (int i = 0; i < cycle.size(); i++) {
              String parent = cycle.get(i);
              String child = cycle.get((i + 1) % cycle.size());
              assertThat(root.get("parent_map").get(child).toString()).as(parent + " -> " + child).contains("\"" + parent + "\"");
            }
          });
    }
  }
}
