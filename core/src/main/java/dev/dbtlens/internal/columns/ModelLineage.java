package dev.dbtlens.internal.columns;

import java.util.List;

/**
 * The column lineage of one node's compiled SQL.
 *
 * @param columns the output columns in select order
 * @param filters parent columns used only to filter, join or group ({@code kind} filter, join,
 *     group_by)
 * @param errorCategory null, or parse_error / unsupported_statement when nothing could be resolved
 * @param error what went wrong, or null
 * @param issues model-level problems met while resolving, by category (first of each)
 */
public record ModelLineage(List<OutColumn> columns, List<FilterDep> filters, String errorCategory, String error,
    java.util.Map<String, String> issues) {

  /**
   * @param transformationType passthrough, renamed or transformed
   * @param expression the SQL text the column is computed by (the nearest transformation)
   * @param parents the parent columns, in first-use order
   * @param errorCategory null, or unknown_relation / ambiguous_column / unknown_column /
   *     unexpanded_star
   */
  public record OutColumn(String name, String transformationType, String expression, List<Origin> parents,
      String errorCategory, String error) {}

  /** A parent column used in a WHERE/HAVING/QUALIFY (filter), JOIN (join) or GROUP BY (group_by). */
  public record FilterDep(Origin origin, String kind) {}

  static ModelLineage failed(String category, String error) {
    return new ModelLineage(List.of(), List.of(), category, error, java.util.Map.of(category, error));
  }
}
