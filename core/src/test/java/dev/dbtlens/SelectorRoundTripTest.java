package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ls --output selector} prints, for every node of every real manifest, a selector that
 * selects exactly that node back (with indirect selection off, so tests stay out): sources as
 * {@code source:package.source_name.table}, exposures, metrics, semantic models, saved queries and
 * unit tests as {@code method:package.name}, everything else by its fqn, as dbt-core's ListTask
 * prints them.
 */
class SelectorRoundTripTest {

  static Stream<Named<Path>> manifests() {
    Path root = SharedArtifacts.root();
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().startsWith("manifest") && p.toString().endsWith(".json"))
          .filter(p -> !root.relativize(p).startsWith("schemas") && !p.toString().contains("legacy-pre-v1"))
          .sorted()
          .map(p -> Named.of(root.relativize(p).toString(), p))
          .toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void everySelectorSelectsExactlyItsNode(Path manifest) {
    ManifestOracle oracle = new ManifestOracle(manifest);
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(manifest);
      Lineage lineage = lens.lineage("default");
      List<String> notDbts = new ArrayList<>();
      List<String> wrong = new ArrayList<>();
      for (NodeId id : lineage.nodes()) {
        LineageNode node = lineage.node(id).orElseThrow();
        JsonNode json = oracle.nodes.get(id.value());
        String dbts = json == null ? null : dbtSelector(id, json);
        // a disabled node that only parent_map names (a bare node) is not listed by dbt at all
        if (dbts != null && !node.selector().equals(dbts)) {
          notDbts.add(id + " -> '" + node.selector() + "', dbt prints '" + dbts + "'");
        }
        String selector = lineage.selector(id);
        Selection back = Selection.of(selector).withIndirectSelection(IndirectSelection.EMPTY);
        if (node.resourceType().equals("operation")) {
          back = back.withResourceTypes("operation");
        }
        List<NodeId> selected = lineage.select(back);
        if (!selected.equals(List.of(id))) {
          wrong.add(id + " -> '" + selector + "' selects " + selected);
        }
      }
      assertThat(notDbts).as("selectors unlike dbt ls's").isEmpty();
      assertThat(wrong).as("selectors that do not select exactly their node").isEmpty();
      assertThat(lineage.nodes()).hasSizeGreaterThanOrEqualTo(oracle.nodes.size());
    }
  }

  /** dbt-core's ListTask.generate_selectors, from the manifest's JSON. */
  private static String dbtSelector(NodeId id, JsonNode n) {
    String pkg = n.path("package_name").asText();
    String name = n.path("name").asText();
    return switch (id.resourceType()) {
      case "source" -> "source:" + pkg + "." + n.path("source_name").asText() + "." + name;
      case "exposure", "metric", "semantic_model", "saved_query", "unit_test" -> id.resourceType() + ":" + pkg + "." + name;
      default -> {
        List<String> fqn = new ArrayList<>();
        n.path("fqn").forEach(part -> fqn.add(part.asText()));
        yield String.join(".", fqn);
      }
    };
  }
}
