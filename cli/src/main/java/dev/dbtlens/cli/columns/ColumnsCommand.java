package dev.dbtlens.cli.columns;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.ColumnDirection;
import dev.dbtlens.ColumnEdge;
import dev.dbtlens.ColumnFilterUse;
import dev.dbtlens.ColumnLineage;
import dev.dbtlens.ColumnLineageNode;
import dev.dbtlens.ColumnRef;
import dev.dbtlens.DbtLens;
import dev.dbtlens.Node;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.ReadOptions;
import dev.dbtlens.cli.support.VerboseOption;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dbtlens columns}: the column lineage of a column, as dbt's graph operators select it. */
@Command(
    name = "columns",
    mixinStandardHelpOptions = true,
    description = {
        "Prints column-level lineage computed from compiled SQL at ingest (docs/column-lineage.md).",
        "-s NODE.COLUMN with dbt's graph operators: +x (upstream), x+ (downstream), 2+x+1 (depth-limited);"
            + " NODE is a unique id (model.pkg.orders) or a node name (orders); COLUMN may be * for all columns.",
        "--impact NODE.COLUMN... lists every downstream column, the nodes filtering, joining or grouping by"
            + " them, and the exposures affected."})
public final class ColumnsCommand implements Callable<Integer> {
  enum Format { TABLE, MERMAID, DOT, JSON }

  private static final Pattern SELECTOR = Pattern.compile("^(\\d*\\+)?(.+?)(\\+\\d*)?$");

  @Spec CommandSpec spec;
  @Mixin ReadOptions db;
  @Mixin VerboseOption verbose;

  @Option(names = {"-s", "--select"}, paramLabel = "EXPR", description = "[n+]NODE.COLUMN[+n]")
  String select;

  @Option(names = "--impact", paramLabel = "NODE.COLUMN", arity = "1..*",
      description = "Changed columns: print everything downstream of them.")
  List<String> impact;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, mermaid, dot or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if ((select == null) == (impact == null)) {
      throw new ParameterException(spec.commandLine(), "give either -s NODE.COLUMN or --impact NODE.COLUMN...");
    }
    try (DbtLens lens = db.open()) {
      ColumnLineage lineage;
      if (impact != null) {
        List<ColumnRef> changed = new ArrayList<>();
        for (String s : impact) {
          changed.addAll(refs(lens, s));
        }
        lineage = lens.columnImpact(db.environment, changed);
      } else {
        Matcher m = SELECTOR.matcher(select.strip());
        if (!m.matches()) {
          throw new ParameterException(spec.commandLine(), "not a column selector: " + select);
        }
        boolean up = m.group(1) != null;
        boolean down = m.group(3) != null;
        int upDepth = up ? depth(m.group(1).replace("+", "")) : 0;
        int downDepth = down ? depth(m.group(3).replace("+", "")) : 0;
        List<ColumnRef> roots = refs(lens, m.group(2));
        String node = roots.get(0).nodeUniqueId();
        String column = m.group(2).endsWith(".*") ? null : roots.get(0).column();
        ColumnLineage u = up ? lens.columnLineage(db.environment, node, column, ColumnDirection.UPSTREAM, upDepth) : null;
        ColumnLineage d = down ? lens.columnLineage(db.environment, node, column, ColumnDirection.DOWNSTREAM, downDepth)
            : null;
        if (u == null && d == null) {
          u = lens.columnLineage(db.environment, node, column, ColumnDirection.UPSTREAM, 1);
          u = new ColumnLineage(u.columns().stream().filter(c -> c.depth() == 0).toList(), List.of(), u.filters(),
              List.of());
        }
        lineage = merge(u, d);
      }
      print(out, lineage);
    }
    return ExitCode.OK;
  }

  private static int depth(String digits) {
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }

  private List<ColumnRef> refs(DbtLens lens, String text) {
    int dot = text.lastIndexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new ParameterException(spec.commandLine(), "expected NODE.COLUMN, got " + text);
    }
    String nodePart = text.substring(0, dot);
    String column = text.substring(dot + 1);
    List<Node> nodes = lens.nodes(db.environment);
    List<String> ids = nodes.stream().map(n -> n.uniqueId().value()).filter(nodePart::equals).toList();
    if (ids.isEmpty()) {
      ids = nodes.stream().filter(n -> nodePart.equalsIgnoreCase(n.name())
              || (n.uniqueId().value().endsWith("." + nodePart)))
          .filter(n -> Set.of("model", "snapshot", "seed", "source").contains(n.resourceType()))
          .map(n -> n.uniqueId().value()).distinct().toList();
    }
    if (ids.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "no node " + nodePart + " in environment " + db.environment);
    }
    if (ids.size() > 1) {
      throw new ParameterException(spec.commandLine(), nodePart + " names several nodes: " + ids + "; give a unique id");
    }
    if (column.equals("*")) {
      return List.of(new ColumnRef(ids.get(0), "*"));
    }
    return List.of(new ColumnRef(ids.get(0), column));
  }

  private static ColumnLineage merge(ColumnLineage a, ColumnLineage b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    Map<ColumnRef, ColumnLineageNode> cols = new LinkedHashMap<>();
    a.columns().forEach(c -> cols.putIfAbsent(c.column(), c));
    b.columns().forEach(c -> cols.putIfAbsent(c.column(), c));
    Set<ColumnEdge> edges = new LinkedHashSet<>(a.edges());
    edges.addAll(b.edges());
    Set<ColumnFilterUse> filters = new LinkedHashSet<>(a.filters());
    filters.addAll(b.filters());
    return new ColumnLineage(new ArrayList<>(cols.values()), new ArrayList<>(edges), new ArrayList<>(filters),
        b.exposures());
  }

  private void print(PrintWriter out, ColumnLineage l) throws Exception {
    switch (format) {
      case TABLE -> {
        out.println(String.format("%-6s %-8s %-12s %s", "depth", "relation", "type", "column"));
        for (ColumnLineageNode c : l.columns()) {
          out.println(String.format("%-6d %-8s %-12s %s%s%s", c.depth(), c.relationship(),
              c.transformationType() == null ? "-" : c.transformationType(), c.column(),
              Boolean.TRUE.equals(c.isPrimaryKey()) ? "  (primary key)" : "",
              c.isError() ? "  [" + c.errorCategory() + ": " + c.error() + "]" : ""));
        }
        for (ColumnFilterUse f : l.filters()) {
          out.println("filter  " + f.nodeUniqueId() + " " + f.kind() + " " + f.column());
        }
        for (String e : l.exposures()) {
          out.println("exposure " + e);
        }
      }
      case MERMAID -> {
        out.println("flowchart LR");
        Map<ColumnRef, String> ids = ids(l);
        ids.forEach((c, id) -> out.println("  " + id + "[\"" + c.nodeUniqueId().replace("\"", "'") + "<br/><b>"
            + c.column().replace("\"", "'") + "</b>\"]"));
        for (ColumnEdge e : l.edges()) {
          if (ids.containsKey(e.parent()) && ids.containsKey(e.child())) {
            out.println("  " + ids.get(e.parent()) + " -->|" + e.transformationType() + "| " + ids.get(e.child()));
          }
        }
      }
      case DOT -> {
        out.println("digraph columns {");
        out.println("  rankdir=LR; node [shape=box];");
        Map<ColumnRef, String> ids = ids(l);
        ids.forEach((c, id) -> out.println("  " + id + " [label=\"" + c.nodeUniqueId().replace("\"", "'") + "\\n"
            + c.column().replace("\"", "'") + "\"];"));
        for (ColumnEdge e : l.edges()) {
          if (ids.containsKey(e.parent()) && ids.containsKey(e.child())) {
            out.println("  " + ids.get(e.parent()) + " -> " + ids.get(e.child()) + " [label=\"" + e.transformationType()
                + "\"];");
          }
        }
        out.println("}");
      }
      case JSON -> out.println(new ObjectMapper().findAndRegisterModules().writerWithDefaultPrettyPrinter()
          .writeValueAsString(l));
    }
  }

  private static Map<ColumnRef, String> ids(ColumnLineage l) {
    Map<ColumnRef, String> ids = new LinkedHashMap<>();
    l.columns().forEach(c -> ids.put(c.column(), "c" + ids.size()));
    return ids;
  }
}
