package dev.dbtlens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Expected selections computed straight from a manifest's JSON ({@code parent_map}, {@code
 * child_map}, node fields), independently of dbtlens' storage and graph code.
 */
final class ManifestOracle {
  final Map<String, JsonNode> nodes = new TreeMap<>();
  private final JsonNode parentMap;
  private final JsonNode childMap;

  ManifestOracle(Path manifest) {
    try {
      JsonNode root = new ObjectMapper().readTree(manifest.toFile());
      for (String group : new String[] {"nodes", "sources", "exposures", "metrics", "semantic_models",
          "saved_queries", "unit_tests", "functions"}) {
        root.path(group).properties().forEach(e -> nodes.put(e.getKey(), e.getValue()));
      }
      parentMap = root.get("parent_map");
      childMap = root.get("child_map");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Set<String> where(Predicate<JsonNode> p) {
    Set<String> out = new TreeSet<>();
    nodes.forEach((id, n) -> {
      if (p.test(n) && !"operation".equals(n.path("resource_type").asText())) {
        out.add(id);
      }
    });
    return out;
  }

  Set<String> ancestors(Collection<String> from, int depth) {
    return walk(from, parentMap, depth);
  }

  Set<String> descendants(Collection<String> from, int depth) {
    return walk(from, childMap, depth);
  }

  private static Set<String> walk(Collection<String> from, JsonNode links, int depth) {
    Set<String> seen = new TreeSet<>();
    ArrayDeque<String> frontier = new ArrayDeque<>(from);
    for (int d = 0; (depth < 0 || d < depth) && !frontier.isEmpty(); d++) {
      ArrayDeque<String> next = new ArrayDeque<>();
      for (String id : frontier) {
        for (JsonNode n : links.path(id)) {
          if (seen.add(n.asText())) {
            next.add(n.asText());
          }
        }
      }
      frontier = next;
    }
    return seen;
  }

  /** Eager indirect selection: tests and unit tests directly downstream of a selected node. */
  Set<String> withEagerTests(Set<String> selected) {
    Set<String> out = new TreeSet<>(selected);
    for (String id : selected) {
      for (JsonNode c : childMap.path(id)) {
        String type = nodes.containsKey(c.asText()) ? nodes.get(c.asText()).path("resource_type").asText() : "";
        if (type.equals("test") || type.equals("unit_test")) {
          out.add(c.asText());
        }
      }
    }
    return out;
  }

  /** Cautious: only tests all of whose parents are selected. */
  Set<String> withCautiousTests(Set<String> selected) {
    Set<String> out = new TreeSet<>(selected);
    for (String id : withEagerTests(selected)) {
      boolean all = true;
      for (JsonNode p : parentMap.path(id)) {
        all &= selected.contains(p.asText());
      }
      if (all) {
        out.add(id);
      }
    }
    return out;
  }

  static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }
}
