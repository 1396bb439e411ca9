package dev.dbtlens;

import java.util.Locale;
import java.util.Objects;

/**
 * A column of a dbt node.
 *
 * @param nodeUniqueId the node's unique id ({@code model.jaffle_shop.orders}); for a relation no
 *     node has, {@code ?} and the relation name
 * @param column the column name, lower-cased
 */
public record ColumnRef(String nodeUniqueId, String column) {
  /** Checks both parts and lower-cases the column. */
  public ColumnRef {
    Objects.requireNonNull(nodeUniqueId, "nodeUniqueId");
    column = Objects.requireNonNull(column, "column").toLowerCase(Locale.ROOT);
  }

  /** @return {@code nodeUniqueId.column} */
  @Override
  public String toString() {
    return nodeUniqueId + "." + column;
  }
}
