package dev.dbtlens.graphql.internal.node;

import java.util.List;

/**
 * A Relay connection page; its components are the connection's fields.
 *
 * @param edges the page's nodes with their cursors
 * @param pageInfo where the page sits
 * @param totalCount how many nodes match the filter, over all pages
 */
public record Page<T>(List<Edge<T>> edges, Info pageInfo, int totalCount) {
  public Page {
    edges = List.copyOf(edges);
  }

  /**
   * @param cursor the edge's cursor
   * @param node the node
   */
  public record Edge<T>(String cursor, T node) {}

  /** The connection's {@code pageInfo}. */
  record Info(String startCursor, String endCursor, boolean hasNextPage, boolean hasPreviousPage) {}

  /** Wraps a full page of rows whose cursors are known. */
  static <T> Page<T> of(List<Edge<T>> edges, boolean hasNext, boolean hasPrevious, int total) {
    String start = edges.isEmpty() ? null : edges.get(0).cursor();
    String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
    return new Page<>(edges, new Info(start, end, hasNext, hasPrevious), total);
  }
}
