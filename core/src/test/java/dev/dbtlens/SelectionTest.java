package dev.dbtlens;

import static dev.dbtlens.ManifestOracle.union;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * dbt selection on jaffle_shop (dbt 1.10, manifest v12: sources, unit tests, semantic models,
 * saved queries): each expected set is derived from the manifest's JSON by {@link ManifestOracle}.
 */
class SelectionTest {
  private static final String MANIFEST = "dbt-artifacts-parser/manifest/v12/jaffle_shop/manifest_1.10.json";
  private static DbtLens lens;
  private static ManifestOracle m;

  @BeforeAll
  static void load() {
    lens = DbtLens.inMemory();
    lens.ingest(SharedArtifacts.file(MANIFEST));
    m = new ManifestOracle(SharedArtifacts.file(MANIFEST));
  }

  @AfterAll
  static void close() {
    lens.close();
  }

  private static Arguments c(String explanation, Selection s, Function<ManifestOracle, Set<String>> expected) {
    return Arguments.of(Named.of(explanation, s), expected);
  }

  private static String type(com.fasterxml.jackson.databind.JsonNode n) {
    return n.path("resource_type").asText();
  }

  static Stream<Arguments> cases() {
    String orders = "model.jaffle_shop.orders";
    return Stream.of(
        c("orders alone brings its tests and unit test (eager)", Selection.of("orders"),
            o -> o.withEagerTests(Set.of(orders))),
        c("+orders: all ancestors", Selection.of("+orders"),
            o -> o.withEagerTests(union(Set.of(orders), o.ancestors(List.of(orders), -1)))),
        c("1+orders: one generation up", Selection.of("1+orders"),
            o -> o.withEagerTests(union(Set.of(orders), o.ancestors(List.of(orders), 1)))),
        c("orders+: all descendants", Selection.of("orders+"),
            o -> o.withEagerTests(union(Set.of(orders), o.descendants(List.of(orders), -1)))),
        c("stg_orders+1: one generation down", Selection.of("stg_orders+1"),
            o -> o.withEagerTests(union(Set.of("model.jaffle_shop.stg_orders"),
                o.descendants(List.of("model.jaffle_shop.stg_orders"), 1)))),
        c("@stg_orders: descendants and all their ancestors", Selection.of("@stg_orders"), o -> {
          Set<String> down = union(Set.of("model.jaffle_shop.stg_orders"), o.descendants(List.of("model.jaffle_shop.stg_orders"), -1));
          return o.withEagerTests(union(down, o.ancestors(down, -1)));
        }),
        c("tag: glob on tags", Selection.of("tag:*"), o -> o.withEagerTests(o.where(n -> n.path("tags").size() > 0))),
        c("path: a folder matches every file under it", Selection.of("models/staging"),
            o -> o.withEagerTests(o.where(n -> n.path("original_file_path").asText().startsWith("models/staging/")))),
        c("file: by file name", Selection.of("orders.sql"),
            o -> o.withEagerTests(o.where(n -> n.path("original_file_path").asText().endsWith("/orders.sql")))),
        c("fqn: a folder prefix", Selection.of("jaffle_shop.marts"),
            o -> o.withEagerTests(o.where(n -> !type(n).equals("source") && n.path("fqn").size() > 2
                && n.path("fqn").get(0).asText().equals("jaffle_shop") && n.path("fqn").get(1).asText().equals("marts")
                && Set.of("model", "test", "seed", "snapshot", "analysis", "unit_test").contains(type(n))))),
        c("source: a whole source", Selection.of("source:ecom"), o -> o.where(n -> type(n).equals("source"))),
        c("source:ecom.raw_orders+1", Selection.of("source:ecom.raw_orders+1"), o -> o.withEagerTests(union(
            Set.of("source.jaffle_shop.ecom.raw_orders"), o.descendants(List.of("source.jaffle_shop.ecom.raw_orders"), 1)))),
        c("config.materialized:table", Selection.of("config.materialized:table"),
            o -> o.withEagerTests(o.where(n -> n.path("config").path("materialized").asText().equals("table")))),
        c("resource_type:saved_query", Selection.of("resource_type:saved_query"), o -> o.where(n -> type(n).equals("saved_query"))),
        c("test_type:unit", Selection.of("test_type:unit"), o -> o.where(n -> type(n).equals("unit_test"))),
        c("test_type:singular (none have test_metadata)", Selection.of("test_type:singular"),
            o -> o.where(n -> type(n).equals("test") && !n.has("test_metadata"))),
        c("test_name:unique", Selection.of("test_name:unique"),
            o -> o.where(n -> type(n).equals("test") && n.path("test_metadata").path("name").asText().equals("unique"))),
        c("package:this is the root project", Selection.of("package:this").withResourceTypes("model"),
            o -> o.where(n -> type(n).equals("model"))),
        c("intersection: no staging model is a table, but a test on both a staging model and a table is"
            + " in each side's eager expansion, so dbt selects it", Selection.of("path:models/staging,config.materialized:table"), o -> {
          Set<String> staging = o.withEagerTests(o.where(n -> n.path("original_file_path").asText().startsWith("models/staging/")));
          staging.retainAll(o.withEagerTests(o.where(n -> n.path("config").path("materialized").asText().equals("table"))));
          return staging;
        }),
        c("union by space; with empty, no test comes along",
            Selection.of("orders customers").withIndirectSelection(IndirectSelection.EMPTY),
            o -> Set.of(orders, "model.jaffle_shop.customers")),
        c("exclude applied last, with the excluded node's tests", Selection.of("+orders").excluding("stg_orders"), o -> {
          Set<String> in = o.withEagerTests(union(Set.of(orders), o.ancestors(List.of(orders), -1)));
          in.removeAll(o.withEagerTests(Set.of("model.jaffle_shop.stg_orders")));
          return in;
        }),
        c("cautious: only tests whose parents are all selected", Selection.of("orders").withIndirectSelection(IndirectSelection.CAUTIOUS),
            o -> o.withCautiousTests(Set.of(orders))),
        c("cautious across a union: a test on orders and stg_customers joins when both parts select its parents",
            Selection.of("orders stg_customers").withIndirectSelection(IndirectSelection.CAUTIOUS),
            o -> o.withCautiousTests(Set.of(orders, "model.jaffle_shop.stg_customers"))),
        c("empty: graph operators apply, no test comes along", Selection.of("1+orders").withIndirectSelection(IndirectSelection.EMPTY),
            o -> union(Set.of(orders), o.ancestors(List.of(orders), 1))),
        c("resource types filter the result", Selection.of("+orders").withResourceTypes("source"),
            o -> o.ancestors(List.of(orders), -1).stream().filter(id -> id.startsWith("source.")).collect(java.util.stream.Collectors.toCollection(TreeSet::new))),
        c("no selection selects everything but hooks", new Selection(List.of(), List.of(), null, null, Set.of(), null, null),
            o -> o.where(n -> true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void selectsWhatTheManifestSays(Selection selection, Function<ManifestOracle, Set<String>> expected) {
    List<String> got = lens.lineage("default").select(selection).stream().map(NodeId::value).toList();
    assertThat(got).containsExactlyElementsOf(new TreeSet<>(expected.apply(m)));
  }

  @Test
  void lineageAnswersUpDownAndPaths() {
    Lineage l = lens.lineage("default");
    NodeId orders = NodeId.of("model.jaffle_shop.orders");
    assertThat(l.upstream(orders, -1)).extracting(NodeId::value).containsExactlyElementsOf(m.ancestors(List.of(orders.value()), -1));
    assertThat(l.downstream(orders, 1)).extracting(NodeId::value).containsExactlyElementsOf(m.descendants(List.of(orders.value()), 1));
    assertThat(l.shortestPath(NodeId.of("source.jaffle_shop.ecom.raw_orders"), orders)).extracting(NodeId::value)
        .containsExactly("source.jaffle_shop.ecom.raw_orders", "model.jaffle_shop.stg_orders", "model.jaffle_shop.orders");
    assertThat(l.shortestPath(orders, NodeId.of("source.jaffle_shop.ecom.raw_orders"))).isEmpty();
    assertThat(l.nodes()).hasSize(m.where(n -> true).size());
    assertThat(lens.lineage("default")).as("cached").extracting(Lineage::manifestInvocationId).isEqualTo(l.manifestInvocationId());
  }

  @Test
  void errorsPointAtTheOffendingToken() {
    Lineage l = lens.lineage("default");
    assertThatThrownBy(() -> l.select(Selection.of("tag:a nosuch:orders")))
        .isInstanceOf(SelectorSyntaxException.class)
        .hasMessageContaining("Unknown selection method 'nosuch'")
        .satisfies(e -> assertThat(((SelectorSyntaxException) e).position()).isEqualTo(6));
    assertThatThrownBy(() -> l.select(Selection.of("orders+x")))
        .isInstanceOf(SelectorSyntaxException.class).hasMessageContaining("Unexpected '+'")
        .satisfies(e -> assertThat(((SelectorSyntaxException) e).position()).isEqualTo(6));
    assertThatThrownBy(() -> l.select(Selection.of("@1+orders")))
        .isInstanceOf(SelectorSyntaxException.class).hasMessageContaining("cannot be combined");
    assertThatThrownBy(() -> l.select(Selection.of("test_type:weird")))
        .isInstanceOf(SelectorSyntaxException.class).hasMessageContaining("expected one of generic, singular, data, unit");
    assertThatThrownBy(() -> l.upstream(NodeId.of("model.jaffle_shop.nope"), -1))
        .isInstanceOf(NotFoundException.class).hasMessage("Node 'model.jaffle_shop.nope' not found in the lineage of environment 'default'.");
  }
}
