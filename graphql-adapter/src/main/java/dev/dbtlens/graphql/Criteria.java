package dev.dbtlens.graphql;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Freshness criteria: the GraphQL {@code Criteria}.
 *
 * @param warnAfter the warn threshold, or null
 * @param errorAfter the error threshold, or null
 * @param filter the criteria's filter, or null
 */
record Criteria(Threshold warnAfter, Threshold errorAfter, String filter) {
  /** No criteria: the value of a non-null {@code criteria} field when none is known. */
  static final Criteria NONE = new Criteria(null, null, null);

  /** {@code count} times {@code period}. */
  record Threshold(Integer count, String period) {
    static Threshold of(Integer count, String period) {
      return count == null && period == null ? null : new Threshold(count, period);
    }
  }

  /** @return the criteria, or null when neither threshold nor filter is set */
  static Criteria of(Threshold warn, Threshold error, String filter) {
    return warn == null && error == null && filter == null ? null : new Criteria(warn, error, filter);
  }

  /** @return the criteria of a source definition's {@code freshness} JSON, or null */
  static Criteria ofDefinition(JsonText freshness) {
    JsonNode n = freshness == null ? null : Json.tree(freshness.text());
    if (n == null || !n.isObject()) {
      return null;
    }
    return of(threshold(n.get("warn_after")), threshold(n.get("error_after")),
        n.hasNonNull("filter") ? n.get("filter").asText() : null);
  }

  private static Threshold threshold(JsonNode t) {
    if (t == null || !t.isObject()) {
      return null;
    }
    Integer count = t.hasNonNull("count") ? t.get("count").asInt() : null;
    String period = t.hasNonNull("period") ? t.get("period").asText() : null;
    return Threshold.of(count, period);
  }
}
