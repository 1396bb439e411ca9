package dev.dbtlens.cli.select;

import dev.dbtlens.IndirectSelection;
import dev.dbtlens.Selection;
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
      description = "Selection expressions (dbt syntax: 2+orders+1, tag:nightly, config.materialized:table, ...).")
  List<String> select = new ArrayList<>();

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
      description = "The earlier invocation state:, result: and source_status: compare with"
          + " (default: the one before the latest).")
  String stateInvocation;

  Selection selection() {
    for (String type : resourceTypes) {
      if (!RESOURCE_TYPES.contains(type)) {
        throw new ParameterException(spec.commandLine(), "unknown resource type '" + type + "' (known: "
            + String.join(", ", RESOURCE_TYPES.stream().sorted().toList()) + ")");
      }
    }
    return new Selection(select, exclude, selector, selectorsFile, new LinkedHashSet<>(resourceTypes),
        indirect, stateInvocation);
  }
}
