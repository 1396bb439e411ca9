package dev.dbtlens;

import java.util.List;
import java.util.Optional;

/**
 * dbt-project-evaluator's rules evaluated over an environment's latest manifest (see {@code
 * docs/recommendations.md}).
 *
 * @param environment the environment
 * @param manifestInvocationId the invocation of the manifest the rules were evaluated on
 * @param project the project evaluated (the manifest's root project): nodes of installed packages
 *     are left out unless {@link RecommendationOptions#includePackages()}
 * @param violations every violation, ordered by category, rule name and node
 * @param metrics coverage percentages, the counts behind them and the number of violations per
 *     category (every category, zero included)
 */
public record Recommendations(
    String environment,
    String manifestInvocationId,
    String project,
    List<Recommendation> violations,
    List<RecommendationMetric> metrics) {
  /** Copies the lists. */
  public Recommendations {
    violations = List.copyOf(violations);
    metrics = List.copyOf(metrics);
  }

  /**
   * @param name a metric name
   * @return its value, if there is such a metric
   */
  public Optional<Double> metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).map(RecommendationMetric::value).findFirst();
  }

  /**
   * @param ruleName a rule name
   * @return the violations of that rule
   */
  public List<Recommendation> of(String ruleName) {
    return violations.stream().filter(v -> v.ruleName().equals(ruleName)).toList();
  }

  /** @return whether some violation has severity {@code error} */
  public boolean hasErrors() {
    return violations.stream().anyMatch(v -> "error".equals(v.severity()));
  }
}
