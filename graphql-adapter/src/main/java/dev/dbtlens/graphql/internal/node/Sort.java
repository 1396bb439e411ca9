package dev.dbtlens.graphql.internal.node;

import dev.dbtlens.graphql.internal.scalars.Args;

/**
 * A connection's order: {@code field} one of {@code AppliedModelSortField}'s values.
 *
 * @param field the measure, or {@code uniqueId}
 * @param descending true for {@code desc}
 */
public record Sort(String field, boolean descending) {
  static final Sort BY_ID = new Sort("uniqueId", false);

  public static Sort of(Args sort) {
    if (!sort.has("field")) {
      return BY_ID;
    }
    return new Sort(sort.str("field"), "desc".equals(sort.str("direction")));
  }

  /** @return +1 or -1: the measure is multiplied by it, so every order is ascending in SQL */
  double direction() {
    return descending ? -1.0 : 1.0;
  }

  /** @return true when ties (and the uniqueId sort) go by unique id descending */
  boolean idDescending() {
    return descending && "uniqueId".equals(field);
  }
}
