package dev.dbtlens;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The thresholds and conventions the recommendations are evaluated with: dbt-project-evaluator's
 * variables, with its defaults ({@link #defaults()}), changed one at a time with {@link
 * #withVar(String, String)} under the package's variable names.
 *
 * @param modelsFanoutThreshold {@code models_fanout_threshold}: a model with at least this many
 *     direct leaf children fans out (default 3)
 * @param chainedViewsThreshold {@code chained_views_threshold}: a model at the end of at least
 *     this many chained views or ephemeral models is flagged (default 5)
 * @param testCoverageTarget {@code test_coverage_target}: the percentage of tested models below
 *     which {@code fct_test_coverage} is violated (default 100)
 * @param documentationCoverageTarget {@code documentation_coverage_target} (default 100)
 * @param prefixes {@code <model_type>_prefixes} by model type: staging {@code stg_},
 *     intermediate {@code int_}, marts {@code fct_ dim_}, other {@code rpt_}
 * @param folders {@code <model_type>_folder_name} by model type: {@code staging}, {@code
 *     intermediate}, {@code marts}
 * @param defaultSeverity the severity of every rule not in {@code severities}: {@code warn} (the
 *     package's default) or {@code error}
 * @param severities severities by rule name
 * @param disabledRules rules not evaluated
 * @param includePackages whether nodes of installed packages are evaluated too (the package and
 *     dbt Explorer evaluate the project's own nodes)
 */
public record RecommendationOptions(
    int modelsFanoutThreshold,
    int chainedViewsThreshold,
    double testCoverageTarget,
    double documentationCoverageTarget,
    Map<String, List<String>> prefixes,
    Map<String, String> folders,
    String defaultSeverity,
    Map<String, String> severities,
    Set<String> disabledRules,
    boolean includePackages) {

  /** Validates and copies. */
  public RecommendationOptions {
    if (modelsFanoutThreshold < 1 || chainedViewsThreshold < 1) {
      throw new IllegalArgumentException("thresholds must be at least 1");
    }
    if (testCoverageTarget < 0 || testCoverageTarget > 100 || documentationCoverageTarget < 0
        || documentationCoverageTarget > 100) {
      throw new IllegalArgumentException("coverage targets are percentages from 0 to 100");
    }
    defaultSeverity = severity(defaultSeverity);
    Map<String, String> sev = new LinkedHashMap<>();
    severities.forEach((k, v) -> sev.put(k, severity(v)));
    severities = Map.copyOf(sev);
    prefixes = Map.copyOf(prefixes);
    folders = Map.copyOf(folders);
    disabledRules = Set.copyOf(disabledRules);
  }

  /** @return dbt-project-evaluator's defaults */
  public static RecommendationOptions defaults() {
    Map<String, List<String>> prefixes = new LinkedHashMap<>();
    prefixes.put("staging", List.of("stg_"));
    prefixes.put("intermediate", List.of("int_"));
    prefixes.put("marts", List.of("fct_", "dim_"));
    prefixes.put("other", List.of("rpt_"));
    Map<String, String> folders = new LinkedHashMap<>();
    folders.put("staging", "staging");
    folders.put("intermediate", "intermediate");
    folders.put("marts", "marts");
    return new RecommendationOptions(3, 5, 100, 100, prefixes, folders, "warn", Map.of(), Set.of(), false);
  }

  /**
   * Sets one of dbt-project-evaluator's variables, or one of dbtlens' own settings.
   *
   * @param name {@code models_fanout_threshold}, {@code chained_views_threshold}, {@code
   *     test_coverage_target}, {@code documentation_coverage_target}, {@code <type>_prefixes}
   *     (comma-separated), {@code <type>_folder_name}, {@code severity} (every rule's default),
   *     {@code <rule>_severity} (one rule's, e.g. {@code fct_root_models_severity}),
   *     {@code include_packages} ({@code true}/{@code false})
   * @param value its value
   * @return the options with that value
   * @throws IllegalArgumentException for an unknown name or a value of the wrong form
   */
  public RecommendationOptions withVar(String name, String value) {
    String v = value == null ? "" : value.trim();
    try {
      switch (name) {
        case "models_fanout_threshold":
          return new RecommendationOptions(Integer.parseInt(v), chainedViewsThreshold, testCoverageTarget,
              documentationCoverageTarget, prefixes, folders, defaultSeverity, severities, disabledRules, includePackages);
        case "chained_views_threshold":
          return new RecommendationOptions(modelsFanoutThreshold, Integer.parseInt(v), testCoverageTarget,
              documentationCoverageTarget, prefixes, folders, defaultSeverity, severities, disabledRules, includePackages);
        case "test_coverage_target":
          return new RecommendationOptions(modelsFanoutThreshold, chainedViewsThreshold, Double.parseDouble(v),
              documentationCoverageTarget, prefixes, folders, defaultSeverity, severities, disabledRules, includePackages);
        case "documentation_coverage_target":
          return new RecommendationOptions(modelsFanoutThreshold, chainedViewsThreshold, testCoverageTarget,
              Double.parseDouble(v), prefixes, folders, defaultSeverity, severities, disabledRules, includePackages);
        case "severity":
          return new RecommendationOptions(modelsFanoutThreshold, chainedViewsThreshold, testCoverageTarget,
              documentationCoverageTarget, prefixes, folders, v, severities, disabledRules, includePackages);
        case "include_packages":
          if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("include_packages is true or false, not '" + value + "'");
          }
          return new RecommendationOptions(modelsFanoutThreshold, chainedViewsThreshold, testCoverageTarget,
              documentationCoverageTarget, prefixes, folders, defaultSeverity, severities, disabledRules,
              Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)));
        default:
          break;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("variable " + name + " needs a number, not '" + value + "'", e);
    }
    if (name.startsWith("fct_") && name.endsWith("_severity")) {
      return withSeverity(name.substring(0, name.length() - "_severity".length()), v);
    }
    if (name.endsWith("_prefixes")) {
      Map<String, List<String>> p = new LinkedHashMap<>(prefixes);
      p.put(name.substring(0, name.length() - "_prefixes".length()),
          Arrays.stream(v.replaceAll("[\\[\\]'\"]", "").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
      return new RecommendationOptions(modelsFanoutThreshold, chainedViewsThreshold, testCoverageTarget,
          documentationCoverageTarget, p, folders, defaultSeverity, severities, disabledRules, includePackages);
    }
    if (name.endsWith("_folder_name")) {
      Map<String, String> f = new LinkedHashMap<>(folders);
      f.put(name.substring(0, name.length() - "_folder_name".length()), v);
      return new RecommendationOptions(modelsFanoutThreshold, chainedViewsThreshold, testCoverageTarget,
          documentationCoverageTarget, prefixes, f, defaultSeverity, severities, disabledRules, includePackages);
    }
    throw new IllegalArgumentException("unknown variable '" + name + "'; known: models_fanout_threshold, "
        + "chained_views_threshold, test_coverage_target, documentation_coverage_target, <type>_prefixes, "
        + "<type>_folder_name, severity, <rule>_severity, include_packages");
  }

  /**
   * @param ruleName a rule
   * @param severity {@code warn} or {@code error}
   * @return the options with that rule at that severity
   */
  public RecommendationOptions withSeverity(String ruleName, String severity) {
    Map<String, String> s = new LinkedHashMap<>(severities);
    s.put(ruleName, severity);
    return new RecommendationOptions(modelsFanoutThreshold, chainedViewsThreshold, testCoverageTarget,
        documentationCoverageTarget, prefixes, folders, defaultSeverity, s, disabledRules, includePackages);
  }

  /**
   * @param ruleName a rule
   * @return the options without that rule
   */
  public RecommendationOptions withoutRule(String ruleName) {
    Set<String> d = new LinkedHashSet<>(disabledRules);
    d.add(ruleName);
    return new RecommendationOptions(modelsFanoutThreshold, chainedViewsThreshold, testCoverageTarget,
        documentationCoverageTarget, prefixes, folders, defaultSeverity, severities, d, includePackages);
  }

  /**
   * @param ruleName a rule
   * @return its severity under these options
   */
  public String severityOf(String ruleName) {
    return severities.getOrDefault(ruleName, defaultSeverity);
  }

  private static String severity(String s) {
    String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    if (!v.equals("warn") && !v.equals("error")) {
      throw new IllegalArgumentException("severity is warn or error, not '" + s + "'");
    }
    return v;
  }
}
