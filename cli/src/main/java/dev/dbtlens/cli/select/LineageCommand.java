package dev.dbtlens.cli.select;

import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.ReadOptions;
import dev.dbtlens.cli.support.VerboseOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.Lineage;
import dev.dbtlens.LineageEdge;
import dev.dbtlens.LineageNode;
import dev.dbtlens.NodeId;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dbtlens lineage}: a picture-ready graph of a selection and the edges between its nodes. */
@Command(
    name = "lineage",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the selected nodes and the dependencies between them as a Mermaid flowchart, a"
            + " Graphviz digraph or JSON. Keep big graphs bounded: -s 2+orders+1."})
public final class LineageCommand implements Callable<Integer> {
  enum Format { MERMAID, DOT, JSON }

  @Spec CommandSpec spec;
  @Mixin ReadOptions db;
  @Mixin SelectionOptions selection;
  @Mixin VerboseOption verbose;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mermaid",
      description = "mermaid, dot or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (DbtLens lens = db.open()) {
      Lineage lineage = lens.lineage(db.environment);
      List<NodeId> ids = lineage.select(selection.selection());
      List<LineageNode> nodes = ids.stream().map(id -> lineage.node(id).orElseThrow()).toList();
      List<LineageEdge> edges = lineage.edges(ids);
      switch (format) {
        case MERMAID -> mermaid(out, nodes, edges);
        case DOT -> dot(out, nodes, edges);
        case JSON -> out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(nodes, edges)));
      }
    }
    return ExitCode.OK;
  }

  private static void mermaid(PrintWriter out, List<LineageNode> nodes, List<LineageEdge> edges) {
    Map<NodeId, String> key = new HashMap<>();
    out.println("flowchart LR");
    for (LineageNode n : nodes) {
      String k = "n" + key.size();
      key.put(n.uniqueId(), k);
      out.println("  " + k + "[\"" + n.name().replace("\"", "'") + "\"]:::" + n.resourceType());
    }
    for (LineageEdge e : edges) {
      out.println("  " + key.get(e.parent()) + " --> " + key.get(e.child()));
    }
    out.println("  classDef source fill:#e8f4e8;");
    out.println("  classDef model fill:#e8eef8;");
    out.println("  classDef test fill:#f8f0e0;");
    out.println("  classDef exposure fill:#f8e8f0;");
  }

  private static void dot(PrintWriter out, List<LineageNode> nodes, List<LineageEdge> edges) {
    out.println("digraph lineage {");
    out.println("  rankdir=LR;");
    out.println("  node [shape=box, style=rounded];");
    for (LineageNode n : nodes) {
      out.println("  " + quote(n.uniqueId().value()) + " [label=" + quote(n.name() + "\\n" + n.resourceType()) + "];");
    }
    for (LineageEdge e : edges) {
      out.println("  " + quote(e.parent().value()) + " -> " + quote(e.child().value()) + ";");
    }
    out.println("}");
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n") + "\"";
  }

  private static Map<String, Object> json(List<LineageNode> nodes, List<LineageEdge> edges) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nodes", nodes.stream().map(n -> LsCommand.fields(n, List.of("unique_id", "name", "resource_type",
        "package_name", "original_file_path"))).toList());
    m.put("edges", edges.stream().map(e -> Map.of("parent", e.parent().value(), "child", e.child().value())).toList());
    return m;
  }
}
