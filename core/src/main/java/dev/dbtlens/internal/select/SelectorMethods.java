package dev.dbtlens.internal.select;

import dev.dbtlens.internal.lineage.GraphIndex;
import dev.dbtlens.internal.lineage.GraphNode;
import dev.dbtlens.internal.lineage.LineageGraph;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * dbt-core's selector methods. The common ones ({@code fqn:} without a leading wildcard, {@code
 * tag:}, {@code resource_type:}, methods bound to one resource type) look candidates up in the
 * graph's {@link GraphIndex} and check only those; the others test every node.
 */
final class SelectorMethods {
  private static final Set<String> PARSED = GraphIndex.PARSED;

  private final LineageGraph graph;
  private final String rootProject;
  private final StateData state;
  private final java.util.function.Supplier<JsonNode[]> configs;

  /** @param configs each node's config by index, asked for only by {@code config:} */
  SelectorMethods(LineageGraph graph, String rootProject, StateData state,
      java.util.function.Supplier<JsonNode[]> configs) {
    this.graph = graph;
    this.rootProject = rootProject;
    this.state = state;
    this.configs = configs;
  }

  /** @return the nodes a criterion's method and value select, before graph operators */
  BitSet match(Criterion c) {
    String v = c.value();
    return switch (c.method()) {
      case "fqn" -> fqn(v);
      case "tag" -> tag(v);
      case "group" -> where(n -> Glob.matches(n.group, v));
      case "access" -> where(n -> v.equals(n.access));
      case "source" -> dotted(c, "source", 3);
      case "exposure", "metric", "semantic_model", "saved_query", "unit_test" -> dotted(c, c.method(), 2);
      case "path" -> where(n -> pathMatches(n, v));
      case "file" -> where(n -> fileMatches(n.originalFilePath, v));
      case "package" -> where(n -> Glob.matches(n.packageName, "this".equals(v) ? rootProject : v));
      case "config" -> config(c);
      case "resource_type" -> listed(graph.lookup.ofType(v));
      case "test_name" -> or(where("test", n -> Glob.matches(n.testName, v)),
          where("unit_test", n -> Glob.matches(n.name, v)));
      case "test_type" -> testType(c);
      case "version" -> version(c);
      case "state" -> state.state(v, c);
      case "result" -> state.result(v);
      case "source_status" -> state.sourceStatus(v, c);
      default -> throw c.invalid("Unsupported method '" + c.method() + "'");
    };
  }

  /** fqn: candidates from the index when the value's first part is literal, else a scan. */
  private BitSet fqn(String v) {
    int dot = v.indexOf('.');
    String first = dot < 0 ? v : v.substring(0, dot);
    if (Glob.hasWildcard(first)) {
      return where(n -> PARSED.contains(n.resourceType) && fqnMatches(n.fqn, v, n.isVersioned()));
    }
    BitSet out = new BitSet();
    check(out, graph.lookup.fqnKey(v), v);
    if (dot >= 0) {
      check(out, graph.lookup.fqnKey(first), v);
      int last = v.lastIndexOf('.');
      int before = v.lastIndexOf('.', last - 1);
      check(out, graph.lookup.fqnKey(v.substring(before + 1, last)), v);
    }
    return out;
  }

  private void check(BitSet out, int[] candidates, String v) {
    for (int i : candidates) {
      GraphNode n = graph.nodes[i];
      if (!out.get(i) && fqnMatches(n.fqn, v, n.isVersioned())) {
        out.set(i);
      }
    }
  }

  /** tag: the listed nodes of a literal tag, or of every distinct tag a glob matches. */
  private BitSet tag(String v) {
    if (!Glob.hasWildcard(v)) {
      return listed(graph.lookup.tagged(v));
    }
    BitSet out = new BitSet();
    for (String t : graph.lookup.tagNames()) {
      if (Glob.matches(t, v)) {
        GraphIndex.setAll(out, graph.lookup.tagged(t));
      }
    }
    return out;
  }

  private static BitSet listed(int[] nodes) {
    BitSet out = new BitSet();
    GraphIndex.setAll(out, nodes);
    return out;
  }

  private static BitSet or(BitSet a, BitSet b) {
    a.or(b);
    return a;
  }

  /** The nodes of one resource type that pass a test. */
  BitSet where(String type, Predicate<GraphNode> p) {
    BitSet out = new BitSet();
    for (int i : graph.lookup.ofType(type)) {
      if (p.test(graph.nodes[i])) {
        out.set(i);
      }
    }
    return out;
  }

  BitSet where(Predicate<GraphNode> p) {
    BitSet out = new BitSet(graph.size());
    for (int i = 0; i < graph.nodes.length; i++) {
      if (p.test(graph.nodes[i])) {
        out.set(i);
      }
    }
    return out;
  }

  /** dbt's is_selected_node, including wildcard "slurping" of the remaining fqn parts. */
  static boolean fqnMatches(List<String> fqn, String selector, boolean versioned) {
    if (fqn.isEmpty()) {
      return false;
    }
    String[] sel = selector.split("\\.", -1);
    if (versioned && fqn.size() >= 2) {
      List<String> lastTwo = fqn.subList(fqn.size() - 2, fqn.size());
      if (lastTwo.get(0).equals(selector) || String.join("_", lastTwo).equals(selector)
          || (sel.length >= 2 && lastTwo.equals(List.of(sel[sel.length - 2], sel[sel.length - 1])))) {
        return true;
      }
    } else if (fqn.get(fqn.size() - 1).equals(selector)) {
      return true;
    }
    if (matchesFrom(flat(fqn), sel)) {
      return true;
    }
    // dbt also matches across packages: the fqn without its package
    return matchesFrom(flat(fqn.subList(1, fqn.size())), sel);
  }

  private static List<String> flat(List<String> fqn) {
    boolean dotted = false;
    for (String segment : fqn) {
      dotted |= segment.indexOf('.') >= 0;
    }
    if (!dotted) {
      return fqn;
    }
    List<String> out = new ArrayList<>();
    for (String segment : fqn) {
      out.addAll(List.of(segment.split("\\.", -1)));
    }
    return out;
  }

  private static boolean matchesFrom(List<String> flat, String[] sel) {
    if (flat.size() < sel.length || flat.isEmpty()) {
      return false;
    }
    for (int i = 0; i < sel.length; i++) {
      if (Glob.hasWildcard(sel[i])) {
        String rest = String.join(".", flat.subList(i, flat.size()));
        String pattern = String.join(".", List.of(sel).subList(i, sel.length));
        return Glob.matches(rest, pattern);
      }
      if (!flat.get(i).equals(sel[i])) {
        return false;
      }
    }
    return true;
  }

  /** source:[package.]source[.table] and exposure:[package.]name style patterns. */
  private BitSet dotted(Criterion c, String type, int maxParts) {
    String[] parts = c.value().split("\\.", -1);
    if (parts.length > maxParts) {
      throw c.invalid("Invalid " + type + " selector value '" + Texts.cut(c.value()) + "': expected at most "
          + maxParts + " dot-separated parts (" + (maxParts == 3 ? "package.source_name.table" : "package.name") + ")");
    }
    String pkg;
    String first;
    String second;
    if (maxParts == 3) {
      pkg = parts.length == 3 ? parts[0] : "*";
      first = parts.length == 3 ? parts[1] : parts[0];
      second = parts.length == 1 ? "*" : parts[parts.length - 1];
      return where("source", n -> Glob.matches(n.packageName, pkg)
          && Glob.matches(n.sourceName, first) && Glob.matches(n.name, second));
    }
    pkg = parts.length == 2 ? parts[0] : "*";
    second = parts[parts.length - 1];
    return where(type, n -> Glob.matches(n.packageName, pkg) && Glob.matches(n.name, second));
  }

  private static boolean pathMatches(GraphNode n, String selector) {
    String sel = trimPath(selector);
    if (sel.isEmpty()) {
      return true;
    }
    return underPath(n.originalFilePath, sel) || underPath(patchFile(n.patchPath), sel);
  }

  private static String patchFile(String patchPath) {
    if (patchPath == null) {
      return null;
    }
    int scheme = patchPath.indexOf("://");
    return scheme < 0 ? patchPath : patchPath.substring(scheme + 3);
  }

  /** The file itself or any folder above it matches the (glob) path, as dbt's root.glob does. */
  private static boolean underPath(String file, String sel) {
    if (file == null) {
      return false;
    }
    String f = trimPath(file.replace('\\', '/'));
    for (String p = f; !p.isEmpty(); p = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "") {
      if (Glob.matches(p, sel)) {
        return true;
      }
    }
    return false;
  }

  private static String trimPath(String p) {
    String s = p.replace('\\', '/');
    while (s.startsWith("./")) {
      s = s.substring(2);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static boolean fileMatches(String originalFilePath, String selector) {
    if (originalFilePath == null) {
      return false;
    }
    String name = originalFilePath.substring(originalFilePath.replace('\\', '/').lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return Glob.matches(name, selector) || Glob.matches(stem, selector);
  }

  private BitSet config(Criterion c) {
    if (c.args().isEmpty()) {
      throw c.invalidArgument(0, "config: needs a key, e.g. config.materialized:table");
    }
    String v = c.value();
    JsonNode[] config = configs.get();
    BitSet out = new BitSet();
    for (int i = 0; i < config.length; i++) {
      if (configMatches(config[i], c.args(), v)) {
        out.set(i);
      }
    }
    if (out.isEmpty()) {
      requireKnownKey(c, config);
    }
    return out;
  }

  /** A top-level config key that no node of the graph has is a typo, not an empty selection. */
  private static void requireKnownKey(Criterion c, JsonNode[] config) {
    String key = c.args().get(0);
    java.util.Set<String> keys = new java.util.TreeSet<>();
    for (JsonNode n : config) {
      if (n.has(key)) {
        return;
      }
      n.fieldNames().forEachRemaining(keys::add);
    }
    throw c.invalidArgument(0, "Unknown config key '" + Texts.cut(key) + "': no node of this manifest has it"
        + Texts.suggestion(key, keys));
  }

  private static boolean configMatches(JsonNode config, List<String> keys, String v) {
    JsonNode value = config;
    for (String key : keys) {
      value = value == null ? null : value.get(key);
    }
    if (value == null || value.isMissingNode()) {
      return false;
    }
    if (value.isArray()) {
      for (JsonNode e : value) {
        if (configEquals(e, v)) {
          return true;
        }
      }
      return false;
    }
    return configEquals(value, v);
  }

  /** dbt compares the string, and lets "true"/"false" (any case) match booleans. */
  private static boolean configEquals(JsonNode value, String selector) {
    if (value.isBoolean()) {
      return selector.equalsIgnoreCase(String.valueOf(value.booleanValue()));
    }
    return value.isValueNode() && !value.isNull() && selector.equals(value.asText());
  }

  private BitSet testType(Criterion c) {
    return switch (c.value()) {
      case "generic", "schema" -> where("test", n -> n.testName != null);
      case "singular" -> where("test", n -> n.testName == null);
      case "data" -> listed(graph.lookup.ofType("test"));
      case "unit" -> listed(graph.lookup.ofType("unit_test"));
      default -> throw c.invalid("Invalid test_type '" + Texts.cut(c.value())
          + "': expected one of generic, singular, data, unit");
    };
  }

  private BitSet version(Criterion c) {
    return switch (c.value()) {
      case "latest" -> where(n -> n.version != null && n.version.equals(n.latestVersion));
      case "prerelease" -> where(n -> n.version != null && n.latestVersion != null && compareVersions(n.version, n.latestVersion) > 0);
      case "old" -> where(n -> n.version != null && n.latestVersion != null && compareVersions(n.version, n.latestVersion) < 0);
      case "none" -> where("model", n -> n.version == null);
      default -> throw c.invalid("Invalid version selector '" + Texts.cut(c.value())
          + "': expected one of latest, prerelease, old, none");
    };
  }

  private static int compareVersions(String a, String b) {
    try {
      return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }
}
