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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            + " Graphviz digraph or JSON. Keep big graphs bounded: -s 2+orders+1.",
        "Tests and unit tests are left out unless --include-tests (or --resource-type test/unit_test) is given."
            + " Each node shows its version, materialization and its latest run status (as of --as-of, if given).",
        "Mermaid draws at most " + Pictures.MERMAID_MAX_EDGES + " edges unless the page raises its maxEdges:"
            + " above that a warning says how."})
public final class LineageCommand implements Callable<Integer> {
  enum Format { MERMAID, DOT, JSON }

  private static final Set<String> TESTS = Set.of("test", "unit_test");

  @Spec CommandSpec spec;
  @Mixin ReadOptions db;
  @Mixin SelectionOptions selection;
  @Mixin VerboseOption verbose;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mermaid",
      description = "mermaid, dot or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--include-tests", description = "Draw tests and unit tests too (left out by default).")
  boolean includeTests;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (DbtLens lens = db.open()) {
      Lineage lineage = selection.lineage(lens, db.environment);
      List<NodeId> selected = selection.select(lineage, err);
      List<NodeId> ids = drawn(selected);
      if (ids.size() < selected.size()) {
        err.println("note: " + (selected.size() - ids.size()) + " tests left out (--include-tests draws them)");
      }
      List<LineageNode> nodes = ids.stream().map(id -> lineage.node(id).orElseThrow()).toList();
      List<LineageEdge> edges = lineage.edges(ids);
      Map<NodeId, String> status = NodeStatuses.latest(lens, db.environment, selection.asOf, ids);
      Pictures pictures = new Pictures(nodes, edges, status);
      switch (format) {
        case MERMAID -> {
          if (edges.size() > Pictures.MERMAID_MAX_EDGES) {
            err.println("warning: " + Pictures.tooManyEdges(edges.size()));
          }
          pictures.mermaid(out);
        }
        case DOT -> pictures.dot(out);
        case JSON -> out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(nodes, edges, status)));
      }
      err.flush();
    }
    return ExitCode.OK;
  }

  /** Tests are left out unless asked for, by --include-tests or by naming their type. */
  private List<NodeId> drawn(List<NodeId> selected) {
    boolean keep = includeTests || selection.resourceTypes.stream().anyMatch(TESTS::contains);
    return keep ? selected : selected.stream().filter(id -> !TESTS.contains(id.resourceType())).toList();
  }

  private static Map<String, Object> json(List<LineageNode> nodes, List<LineageEdge> edges, Map<NodeId, String> status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nodes", nodes.stream().map(n -> {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("unique_id", n.uniqueId().value());
      node.put("name", n.name());
      node.put("resource_type", n.resourceType());
      node.put("package_name", n.packageName());
      node.put("original_file_path", n.originalFilePath());
      node.put("version", n.version());
      node.put("materialized", n.materialized());
      node.put("status", status.get(n.uniqueId()));
      return node;
    }).toList());
    m.put("edges", edges.stream().map(e -> Map.of("parent", e.parent().value(), "child", e.child().value())).toList());
    return m;
  }
}
