package dev.dbtlens.internal.columns;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.internal.columns.LineageBuilder.NodeInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the shared real manifests (and the catalog beside each) into builder input. */
final class Corpus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Corpus() {}

  static Path root() {
    Path dir = Path.of(System.getProperty("dbtlens.artifacts", "../shared/dbt-artifacts")).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      String msg = "the shared dbt artifacts are expected at " + dir;
      if ("true".equals(System.getenv("CI"))) {
        fail(msg);
      }
      assumeTrue(false, msg + "; skipping");
    }
    return dir;
  }

  static List<Path> manifests() throws IOException {
    try (Stream<Path> s = Files.walk(root())) {
      return s.filter(p -> p.getFileName().toString().startsWith("manifest") && p.toString().endsWith(".json"))
          .sorted().toList();
    }
  }

  record Manifest(String adapter, List<NodeInput> nodes, Map<String, String> resourceTypes) {}

  static Manifest read(Path manifest) throws IOException {
    JsonNode m = JSON.readTree(manifest.toFile());
    Map<String, List<String>> catalog = new HashMap<>();
    Path cat = manifest.resolveSibling("catalog.json");
    if (Files.exists(cat)) {
      JsonNode c = JSON.readTree(cat.toFile());
      for (String section : List.of("nodes", "sources")) {
        c.path(section).properties().forEach(e -> {
          List<JsonNode> cols = new ArrayList<>();
          e.getValue().path("columns").forEach(cols::add);
          cols.sort((a, b) -> Integer.compare(a.path("index").asInt(), b.path("index").asInt()));
          catalog.put(e.getKey(), cols.stream().map(x -> x.path("name").asText()).toList());
        });
      }
    }
    String adapter = m.path("metadata").path("adapter_type").asText("unknown");
    List<NodeInput> nodes = new ArrayList<>();
    Map<String, String> types = new HashMap<>();
    for (String section : List.of("nodes", "sources")) {
      m.path(section).properties().forEach(e -> {
        JsonNode n = e.getValue();
        String type = n.path("resource_type").asText();
        types.put(e.getKey(), type);
        String rel = n.path("relation_name").isTextual() ? n.path("relation_name").asText() : null;
        if (rel == null && !"ephemeral".equals(n.path("config").path("materialized").asText())
            && !"test".equals(type) && !"operation".equals(type) && !"analysis".equals(type)) {
          String alias = n.path("alias").isTextual() ? n.path("alias").asText()
              : n.path("identifier").asText(n.path("name").asText());
          if ("source".equals(type)) {
            alias = n.path("identifier").asText(n.path("name").asText());
          }
          rel = Relations.relationName(n.path("database").asText(null), n.path("schema").asText(null), alias);
        }
        String sql = null;
        if (List.of("model", "snapshot").contains(type) && !"python".equals(n.path("language").asText("sql"))) {
          sql = n.path("compiled_code").asText(n.path("compiled_sql").asText(null));
        }
        List<String> deps = new ArrayList<>();
        n.path("depends_on").path("nodes").forEach(d -> deps.add(d.asText()));
        List<String> documented = new ArrayList<>();
        n.path("columns").properties().forEach(c -> documented.add(c.getValue().path("name").asText(c.getKey())));
        nodes.add(new NodeInput(e.getKey(), rel, deps, sql, documented, catalog.get(e.getKey())));
      });
    }
    return new Manifest(adapter, nodes, types);
  }
}
