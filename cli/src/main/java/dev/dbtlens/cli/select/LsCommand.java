package dev.dbtlens.cli.select;

import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.ReadOptions;
import dev.dbtlens.cli.support.VerboseOption;
import dev.dbtlens.DbtLens;
import dev.dbtlens.Lineage;
import dev.dbtlens.LineageNode;
import dev.dbtlens.NodeId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dbtlens ls}: {@code dbt ls} over a stored manifest. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = {
        "Lists the nodes a dbt selection selects in the environment's latest manifest (or the one in force at"
            + " --as-of), like 'dbt ls'. Each --output selector line selects its node back.",
        "state:, result: and source_status: compare with stored history (see docs/selection.md).",
        "Selecting nothing prints dbt's warnings and exits with 0; a malformed selection or an unknown"
            + " invocation exits with 2."})
public final class LsCommand implements Callable<Integer> {
  enum Output { NAME, PATH, SELECTOR, JSON }

  @Spec CommandSpec spec;
  @Mixin ReadOptions db;
  @Mixin SelectionOptions selection;
  @Mixin VerboseOption verbose;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "selector",
      description = "name, path, selector or json (one object per line). Default: ${DEFAULT-VALUE}.")
  Output output;

  @Option(names = "--output-keys", arity = "1..*", paramLabel = "KEY",
      description = "Keys of --output json: any key of the node's manifest JSON (config, depends_on, tags, alias,"
          + " columns, ...) or a dotted path (config.materialized), as dbt 1.10+ takes them; also 'selector'."
          + " Default: dbt's " + DbtJson.DEFAULT_KEYS_TEXT + ".")
  List<String> outputKeys = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (DbtLens lens = db.open()) {
      Lineage lineage = selection.lineage(lens, db.environment);
      List<NodeId> ids = selection.select(lineage, spec.commandLine().getErr());
      if (output == Output.JSON) {
        json(out, lineage, ids);
        return ExitCode.OK;
      }
      for (NodeId id : ids) {
        LineageNode n = lineage.node(id).orElseThrow();
        out.println(switch (output) {
          case NAME -> n.name();
          case PATH -> n.originalFilePath();
          default -> lineage.selector(id);
        });
      }
    }
    return ExitCode.OK;
  }

  private void json(PrintWriter out, Lineage lineage, List<NodeId> ids) throws Exception {
    Map<NodeId, String> raw = lineage.nodesJson(ids);
    for (NodeId id : ids) {
      String json = raw.get(id);
      Map<String, Object> computed = new LinkedHashMap<>();
      computed.put("selector", lineage.selector(id));
      out.println(json == null ? DbtJson.bare(lineage.node(id).orElseThrow(), outputKeys, computed)
          : DbtJson.keys(json, outputKeys, computed));
    }
  }
}
