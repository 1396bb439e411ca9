package dev.dbtlens.cli.select;

import dev.dbtlens.DbtLens;
import dev.dbtlens.IndirectSelection;
import dev.dbtlens.Lineage;
import dev.dbtlens.NodeId;
import dev.dbtlens.Selection;
import dev.dbtlens.SelectionResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** dbt's selection flags, as {@code dbt ls} takes them. */
final class SelectionOptions {
  /** dbt's resource types (dbt refuses others too). */
  static final Set<String> RESOURCE_TYPES = Set.of("model", "test", "seed", "snapshot", "source",
      "exposure", "metric", "semantic_model", "saved_query", "unit_test", "analysis", "operation", "function");

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = {"-s", "--select"}, arity = "1..*", paramLabel = "EXPR",
      description = "Selection expressions (dbt syntax: 2+orders+1, tag:nightly, config.materialized:table, ...)."
          + " A criterion that matches nothing is a warning, as in dbt.")
  List<String> select = new ArrayList<>();

  @Option(names = {"-m", "--models"}, arity = "1..*", paramLabel = "EXPR",
      description = "As dbt ls takes it: --select with --resource-type model (not with either of those).")
  List<String> models = new ArrayList<>();

  @Option(names = "--exclude", arity = "1..*", paramLabel = "EXPR", description = "Expressions removed last.")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--selector", paramLabel = "NAME", description = "A YAML selector by name.")
  String selector;

  @Option(names = "--selectors-file", paramLabel = "FILE",
      description = "The selectors.yml holding --selector; default: the selectors stored in the manifest.")
  Path selectorsFile;

  @Option(names = "--resource-type", arity = "1..*", paramLabel = "TYPE",
      description = "Keep only these resource types (model, test, seed, snapshot, source, exposure, ...).")
  List<String> resourceTypes = new ArrayList<>();

  @Option(names = "--indirect-selection", paramLabel = "MODE", defaultValue = "eager",
      description = "How tests follow the nodes they test: eager, cautious, buildable, empty. Default: ${DEFAULT-VALUE}.")
  IndirectSelection indirect;

  @Option(names = "--state-invocation", paramLabel = "ID",
      description = "The invocation state:, result: and source_status: compare with (default: the manifest"
          + " before the selected one, the latest run_results, the latest sources.json). An id or a unique prefix.")
  String stateInvocation;

  @Option(names = "--as-of", paramLabel = "ID",
      description = "Select in the manifest in force at this invocation (the latest generated at or before it)"
          + " instead of the latest manifest. An id or a unique prefix.")
  String asOf;

  /** @return the environment's lineage: of its latest manifest, or of the one in force at --as-of */
  Lineage lineage(DbtLens lens, String environment) {
    return asOf == null ? lens.lineage(environment) : lens.lineageAsOf(environment, asOf);
  }

  /**
   * Selects, printing dbt's warnings ("does not match any enabled nodes", "No nodes selected!") to
   * {@code err} as {@code warning:} lines.
   */
  List<NodeId> select(Lineage lineage, PrintWriter err) {
    SelectionResult result = lineage.selectWithWarnings(selection());
    for (String w : result.warnings()) {
      err.println("warning: " + w);
    }
    err.flush();
    return result.nodes();
  }

  Selection selection() {
    if (!models.isEmpty() && !select.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--models and --select are mutually exclusive (as in dbt)");
    }
    if (!models.isEmpty() && !resourceTypes.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--models and --resource-type are mutually exclusive"
          + " (as in dbt: --models selects models only)");
    }
    for (String type : resourceTypes) {
      if (!RESOURCE_TYPES.contains(type)) {
        throw new ParameterException(spec.commandLine(), "unknown resource type '" + type + "' (known: "
            + String.join(", ", RESOURCE_TYPES.stream().sorted().toList()) + ")");
      }
    }
    if (!models.isEmpty()) {
      return new Selection(models, exclude, selector, selectorsFile, Set.of("model"), indirect, stateInvocation);
    }
    return new Selection(select, exclude, selector, selectorsFile, new LinkedHashSet<>(resourceTypes),
        indirect, stateInvocation);
  }
}
