package dev.dbtlens;

import java.util.List;

/**
 * Column lineage around one or more columns.
 *
 * @param columns every column reached, the roots first, then by depth
 * @param edges the edges between them
 * @param filters filter/join/group-by uses of the reached columns by the reached nodes (upstream)
 *     or by any node (downstream)
 * @param exposures exposures depending on a node with a reached column (downstream walks)
 */
public record ColumnLineage(List<ColumnLineageNode> columns, List<ColumnEdge> edges, List<ColumnFilterUse> filters,
    List<String> exposures) {
  /** Copies the lists. */
  public ColumnLineage {
    columns = List.copyOf(columns);
    edges = List.copyOf(edges);
    filters = List.copyOf(filters);
    exposures = List.copyOf(exposures);
  }
}
