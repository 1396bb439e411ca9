package dev.dbtlens.cli.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.Recommendation;
import dev.dbtlens.RecommendationMetric;
import dev.dbtlens.RecommendationOptions;
import dev.dbtlens.Recommendations;
import dev.dbtlens.cli.output.ResultPrinter;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.ReadOptions;
import dev.dbtlens.cli.support.VerboseOption;
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

/** {@code dbtlens check}: dbt-project-evaluator's rules over the latest manifest; a CI gate. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
        "dbt-project-evaluator's rules (modeling, testing, documentation, structure, performance,"
            + " governance) over the environment's latest manifest, with test and documentation"
            + " coverage (see docs/recommendations.md).",
        "As a CI gate, like the package's tests in CI: every rule warns unless --var severity=error"
            + " or --var <rule>_severity=error; exits 1 when a listed violation is at the --fail-on"
            + " level or worse."})
public final class CheckCommand implements Callable<Integer> {
  enum Format { TABLE, JSON }

  /** The severity that fails the check. */
  enum Level { WARN, ERROR, NEVER }

  @Spec CommandSpec spec;
  @Mixin ReadOptions db;
  @Mixin VerboseOption verbose;

  @Option(names = "--var", paramLabel = "NAME=VALUE",
      description = "A dbt-project-evaluator variable (models_fanout_threshold=5, chained_views_threshold=4,"
          + " test_coverage_target=80, documentation_coverage_target=90, marts_prefixes=fct_,dim_,"
          + " staging_folder_name=stg), or severity=error, <rule>_severity=error, include_packages=true."
          + " Repeatable.")
  List<String> vars = new ArrayList<>();

  @Option(names = "--disable", arity = "1..*", paramLabel = "RULE", description = "Rules not to evaluate.")
  List<String> disabled = new ArrayList<>();

  @Option(names = "--category", arity = "1..*", paramLabel = "CATEGORY",
      description = "Only these categories (modeling, testing, documentation, structure, performance,"
          + " governance): filters the list and the exit code.")
  List<String> categories = new ArrayList<>();

  @Option(names = "--rule", arity = "1..*", paramLabel = "RULE",
      description = "Only these rules: filters the list and the exit code.")
  List<String> rules = new ArrayList<>();

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
      description = "Exit 1 when a listed violation is at this level or worse: error, warn (as dbt's"
          + " --warn-error) or never. Default: ${DEFAULT-VALUE}.")
  Level failOn;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() throws Exception {
    RecommendationOptions options = options();
    Recommendations result;
    try (DbtLens lens = db.open()) {
      result = lens.recommendations(db.environment, options);
    }
    List<Recommendation> listed = result.violations().stream()
        .filter(v -> categories.isEmpty() || categories.contains(v.category()))
        .filter(v -> rules.isEmpty() || rules.contains(v.ruleName()))
        .toList();
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.JSON) {
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(result, listed)));
    } else {
      table(out, result, listed);
    }
    out.flush();
    long errors = listed.stream().filter(v -> v.severity().equals("error")).count();
    long failing = switch (failOn) {
      case NEVER -> 0;
      case ERROR -> errors;
      case WARN -> listed.size();
    };
    if (failing == 0) {
      return ExitCode.OK;
    }
    spec.commandLine().getErr().println("error: " + failing + (failing == 1 ? " violation" : " violations")
        + " at --fail-on " + failOn.name().toLowerCase() + " or worse (" + errors + " error, "
        + (listed.size() - errors) + " warn)");
    return ExitCode.FAILURE;
  }

  private RecommendationOptions options() {
    RecommendationOptions o = RecommendationOptions.defaults();
    try {
      for (String v : vars) {
        int eq = v.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("expected NAME=VALUE, got '" + v + "'");
        }
        o = o.withVar(v.substring(0, eq).trim(), v.substring(eq + 1));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--var: " + e.getMessage());
    }
    for (String r : disabled) {
      o = o.withoutRule(r);
    }
    return o;
  }

  private static Map<String, Object> json(Recommendations r, List<Recommendation> listed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("environment", r.environment());
    out.put("project", r.project());
    out.put("manifest_invocation_id", r.manifestInvocationId());
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (RecommendationMetric m : r.metrics()) {
      metrics.put(m.name(), m.value() == Math.rint(m.value()) && !m.name().endsWith("_pct") ? (Object) (long) m.value()
          : (Object) m.value());
    }
    out.put("metrics", metrics);
    List<Map<String, Object>> violations = new ArrayList<>();
    for (Recommendation v : listed) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rule", v.ruleName());
      row.put("category", v.category());
      row.put("severity", v.severity());
      row.put("unique_id", v.uniqueId());
      row.put("nodes", v.nodes());
      row.put("violation_id", v.violationId());
      row.put("description", v.description());
      violations.add(row);
    }
    out.put("violations", violations);
    return out;
  }

  private static void table(PrintWriter out, Recommendations r, List<Recommendation> listed) {
    ResultPrinter table = new ResultPrinter(out, ResultPrinter.Format.TABLE, 200);
    table.print(List.of("severity", "rule", "node", "reason"),
        listed.stream().map(v -> List.<Object>of(v.severity(), v.ruleName(),
            v.uniqueId() == null ? "(project)" : v.uniqueId(), v.description())).toList(), true);
    out.println();
    StringBuilder line = new StringBuilder("project " + r.project() + ": test coverage "
        + pct(r, "test_coverage_pct") + "%, documentation coverage " + pct(r, "documentation_coverage_pct")
        + "% of " + (long) (double) r.metric("total_models").orElse(0.0) + " models; violations:");
    for (String c : List.of("modeling", "testing", "documentation", "structure", "performance", "governance")) {
      line.append(' ').append(c).append(' ').append((long) (double) r.metric(c + "_violations").orElse(0.0));
    }
    out.println(line);
  }

  private static String pct(Recommendations r, String name) {
    double v = r.metric(name).orElse(0.0);
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
