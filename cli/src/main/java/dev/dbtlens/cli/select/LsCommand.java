package dev.dbtlens.cli.select;

import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.ReadOptions;
import dev.dbtlens.cli.support.VerboseOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dbtlens ls}: {@code dbt ls} over a stored manifest. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = {
        "Lists the nodes a dbt selection selects in the environment's latest manifest, like 'dbt ls'.",
        "state:, result: and source_status: compare with stored history (see docs/selection.md).",
        "A malformed selection exits with 2."})
public final class LsCommand implements Callable<Integer> {
  /** The keys --output json may print. */
  static final List<String> KEYS = List.of("unique_id", "name", "resource_type", "package_name",
      "original_file_path", "path", "alias", "fqn", "tags", "selector");
  private static final List<String> DEFAULT_KEYS = List.of("unique_id", "name", "resource_type",
      "package_name", "original_file_path");

  enum Output { NAME, PATH, SELECTOR, JSON }

  @Spec CommandSpec spec;
  @Mixin ReadOptions db;
  @Mixin SelectionOptions selection;
  @Mixin VerboseOption verbose;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "selector",
      description = "name, path, selector or json (one object per line). Default: ${DEFAULT-VALUE}.")
  Output output;

  @Option(names = "--output-keys", arity = "1..*", paramLabel = "KEY",
      description = "Keys of --output json: unique_id, name, resource_type, package_name,"
          + " original_file_path, path, alias, fqn, tags, selector.")
  List<String> outputKeys = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    List<String> keys = outputKeys.isEmpty() ? DEFAULT_KEYS : outputKeys;
    for (String k : keys) {
      if (!KEYS.contains(k)) {
        throw new ParameterException(spec.commandLine(), "unknown output key '" + k + "' (known: "
            + String.join(", ", KEYS) + ")");
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper json = new ObjectMapper();
    try (DbtLens lens = db.open()) {
      var lineage = lens.lineage(db.environment);
      for (NodeId id : lineage.select(selection.selection())) {
        LineageNode n = lineage.node(id).orElseThrow();
        out.println(switch (output) {
          case NAME -> n.name();
          case PATH -> n.originalFilePath();
          case SELECTOR -> lineage.selector(id);
          case JSON -> json.writeValueAsString(fields(n, keys));
        });
      }
    }
    return ExitCode.OK;
  }

  static Map<String, Object> fields(LineageNode n, List<String> keys) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : keys) {
      m.put(k, switch (k) {
        case "unique_id" -> n.uniqueId().value();
        case "name" -> n.name();
        case "resource_type" -> n.resourceType();
        case "package_name" -> n.packageName();
        case "original_file_path" -> n.originalFilePath();
        case "path" -> n.path();
        case "alias" -> n.alias();
        case "fqn" -> n.fqn();
        case "tags" -> n.tags();
        default -> n.selector();
      });
    }
    return m;
  }
}
