package dev.dbtlens;

import java.util.List;

/**
 * What a selection selected, and dbt's warnings about it.
 *
 * @param nodes the selected node ids, sorted; empty when nothing matched
 * @param warnings dbt's warnings, e.g. {@code The selection criterion 'nosuch' does not match any
 *     enabled nodes} and {@code No nodes selected!}; empty when there is nothing to say
 */
public record SelectionResult(List<NodeId> nodes, List<String> warnings) {
  /** Copies the lists. */
  public SelectionResult {
    nodes = List.copyOf(nodes);
    warnings = List.copyOf(warnings);
  }
}
