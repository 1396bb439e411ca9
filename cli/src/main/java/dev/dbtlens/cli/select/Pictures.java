package dev.dbtlens.cli.select;

import dev.dbtlens.LineageEdge;
import dev.dbtlens.LineageNode;
import dev.dbtlens.NodeId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mermaid and Graphviz pictures of a selection: one box per node labelled with its name (and
 * version), its materialization and its latest run status; styled by resource type, with failures
 * and skips outlined.
 */
final class Pictures {
  /** Mermaid's default {@code maxEdges}; a secure setting, so a diagram cannot raise it itself. */
  static final int MERMAID_MAX_EDGES = 500;

  /** Fill colours by resource type, for both formats. */
  private static final Map<String, String> FILL = new LinkedHashMap<>();

  static {
    FILL.put("source", "#e8f4e8");
    FILL.put("seed", "#eef6d8");
    FILL.put("snapshot", "#e0f0f4");
    FILL.put("model", "#e8eef8");
    FILL.put("analysis", "#f0f0f0");
    FILL.put("test", "#f8f0e0");
    FILL.put("unit_test", "#f8e8d0");
    FILL.put("exposure", "#f8e8f0");
    FILL.put("metric", "#f0e8f8");
    FILL.put("semantic_model", "#ece8f8");
    FILL.put("saved_query", "#f4e8f4");
    FILL.put("operation", "#f0f0f0");
    FILL.put("function", "#f0f0f0");
  }

  /** Statuses drawn with a coloured outline, by the class name they get. */
  private static final Map<String, String> OUTLINE = Map.of(
      "error", "#c62828", "fail", "#c62828", "runtime error", "#c62828", "warn", "#ef8f00", "skipped", "#9e9e9e");

  private static final Set<String> MATERIALIZED_TYPES = Set.of("model", "seed", "snapshot");

  private final List<LineageNode> nodes;
  private final List<LineageEdge> edges;
  private final Map<NodeId, String> status;

  Pictures(List<LineageNode> nodes, List<LineageEdge> edges, Map<NodeId, String> status) {
    this.nodes = nodes;
    this.edges = edges;
    this.status = status;
  }

  /** @return the warning for a picture with more edges than Mermaid draws by default */
  static String tooManyEdges(int edges) {
    return edges + " edges: Mermaid refuses more than " + MERMAID_MAX_EDGES + " by default (\"Edge limit exceeded\")."
        + " Raise its limit where the picture is rendered: mermaid.initialize({maxEdges: " + roundUp(edges) + "})"
        + " in a page, or {\"maxEdges\": " + roundUp(edges) + "} in the config file of mermaid-cli (mmdc -c FILE);"
        + " it is a secure setting, so an %%{init}%% line in the diagram cannot raise it."
        + " Or narrow the selection (-s 2+orders+1) or use --format dot.";
  }

  private static int roundUp(int edges) {
    return (edges + 999) / 1000 * 1000;
  }

  /**
   * @return the node's name, with its version for versioned models ({@code dim_customers v2}) and
   *     its source for sources ({@code stripe.payments})
   */
  static String title(LineageNode n) {
    if (n.version() != null) {
      return n.name() + " v" + n.version();
    }
    return n.sourceName() != null && "source".equals(n.resourceType()) ? n.sourceName() + "." + n.name() : n.name();
  }

  /** @return the second line: materialization (models, seeds, snapshots) or resource type, and the latest status */
  String detail(LineageNode n) {
    List<String> parts = new ArrayList<>();
    parts.add(MATERIALIZED_TYPES.contains(n.resourceType()) && n.materialized() != null ? n.materialized() : n.resourceType());
    String s = status.get(n.uniqueId());
    if (s != null) {
      parts.add(s);
    }
    return String.join(", ", parts);
  }

  void mermaid(PrintWriter out) {
    Map<NodeId, String> key = new HashMap<>();
    out.println("flowchart LR");
    if (edges.size() > MERMAID_MAX_EDGES) {
      out.println("  %% " + edges.size() + " edges: render with maxEdges raised (mermaid.initialize({maxEdges: "
          + roundUp(edges.size()) + "}))");
    }
    Map<String, List<String>> outlined = new LinkedHashMap<>();
    for (LineageNode n : nodes) {
      String k = "n" + key.size();
      key.put(n.uniqueId(), k);
      String label = mermaidText(title(n)) + "<br/><small>" + mermaidText(detail(n)) + "</small>";
      out.println("  " + k + "[\"" + label + "\"]:::" + n.resourceType());
      String s = status.get(n.uniqueId());
      if (s != null && OUTLINE.containsKey(s)) {
        outlined.computeIfAbsent(statusClass(s), c -> new ArrayList<>()).add(k);
      }
    }
    for (LineageEdge e : edges) {
      out.println("  " + key.get(e.parent()) + " --> " + key.get(e.child()));
    }
    FILL.forEach((type, fill) -> out.println("  classDef " + type + " fill:" + fill + ";"));
    OUTLINE.forEach((s, colour) -> {
      List<String> members = outlined.get(statusClass(s));
      if (members != null) {
        out.println("  classDef " + statusClass(s) + " stroke:" + colour + ",stroke-width:3px;");
        out.println("  class " + String.join(",", members) + " " + statusClass(s) + ";");
      }
    });
  }

  private static String statusClass(String status) {
    return "status_" + status.replace(' ', '_');
  }

  /** Mermaid's quoted labels take HTML: quotes and angle brackets as entities. */
  private static String mermaidText(String s) {
    return s.replace("&", "&amp;").replace("\"", "#quot;").replace("<", "&lt;").replace(">", "&gt;");
  }

  void dot(PrintWriter out) {
    out.println("digraph lineage {");
    out.println("  rankdir=LR;");
    out.println("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\"];");
    for (LineageNode n : nodes) {
      String attrs = "label=\"" + escape(title(n)) + "\\n" + escape(detail(n)) + "\"";
      attrs += ", fillcolor=\"" + FILL.getOrDefault(n.resourceType(), "#ffffff") + "\"";
      String s = status.get(n.uniqueId());
      if (s != null && OUTLINE.containsKey(s)) {
        attrs += ", color=\"" + OUTLINE.get(s) + "\", penwidth=3";
      }
      out.println("  " + quote(n.uniqueId().value()) + " [" + attrs + "];");
    }
    for (LineageEdge e : edges) {
      out.println("  " + quote(e.parent().value()) + " -> " + quote(e.child().value()) + ";");
    }
    out.println("}");
  }

  private static String quote(String s) {
    return "\"" + escape(s) + "\"";
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
