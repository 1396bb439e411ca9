package dev.dbtlens;

import java.util.List;

/**
 * One violation of a dbt-project-evaluator rule: which rule, which node(s), and why.
 *
 * @param ruleName the rule's name in dbt-project-evaluator, e.g. {@code fct_direct_join_to_source}
 * @param category {@code modeling}, {@code testing}, {@code documentation}, {@code structure},
 *     {@code performance} or {@code governance}
 * @param severity {@code warn} or {@code error} (dbt's test severities: the package's rules warn
 *     unless configured otherwise)
 * @param uniqueId the node the violation is about (e.g. the model that joins a source), or null for
 *     a project-wide violation (a coverage below its target)
 * @param nodes every node the violation names, {@code uniqueId} first (e.g. the model and the
 *     sources it joins)
 * @param violationId a stable id of the violation: the rule name and the nodes it names, so the
 *     same violation keeps its id from one manifest to the next
 * @param description a one-line reason
 */
public record Recommendation(
    String ruleName,
    String category,
    String severity,
    String uniqueId,
    List<String> nodes,
    String violationId,
    String description) {
  /** Copies the node list. */
  public Recommendation {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
  }
}
