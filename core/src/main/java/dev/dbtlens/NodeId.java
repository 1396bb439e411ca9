package dev.dbtlens;

import java.util.Objects;

/**
 * A dbt {@code unique_id} such as {@code model.shop.orders}, {@code source.shop.raw.customers} or
 * {@code model.shop.dim_customers.v2}: resource type, package, then a name that may itself contain
 * dots.
 *
 * @param value the unique id as dbt writes it
 */
public record NodeId(String value) implements Comparable<NodeId> {
  /** Validates the id: at least {@code type.package.name}. */
  public NodeId {
    Objects.requireNonNull(value, "unique id");
    int first = value.indexOf('.');
    int second = first < 0 ? -1 : value.indexOf('.', first + 1);
    if (first <= 0 || second <= first + 1 || second == value.length() - 1) {
      throw new IllegalArgumentException(
          "Not a dbt unique_id (expected type.package.name): '" + value + "'");
    }
  }

  /**
   * @param value a unique id
   * @return the validated id
   */
  public static NodeId of(String value) {
    return new NodeId(value);
  }

  /** @return the resource type, e.g. {@code model} */
  public String resourceType() {
    return value.substring(0, value.indexOf('.'));
  }

  /** @return the package name, e.g. {@code shop} */
  public String packageName() {
    int first = value.indexOf('.');
    return value.substring(first + 1, value.indexOf('.', first + 1));
  }

  /** @return everything after the package, e.g. {@code orders} or {@code raw.customers} */
  public String name() {
    int first = value.indexOf('.');
    return value.substring(value.indexOf('.', first + 1) + 1);
  }

  @Override
  public int compareTo(NodeId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
