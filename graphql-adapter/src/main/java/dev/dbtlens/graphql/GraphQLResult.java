package dev.dbtlens.graphql;

import dev.dbtlens.graphql.internal.scalars.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one execution, shaped as the GraphQL specification's response.
 *
 * @param data the data, or null when the request failed before execution (a syntax or validation
 *     error, a limit)
 * @param errors the errors in the specification's form ({@code message}, {@code locations}, {@code
 *     path}, {@code extensions}); empty when there were none
 */
public record GraphQLResult(Map<String, Object> data, List<Map<String, Object>> errors) {
  /** Copies the error list; a null list is empty. */
  public GraphQLResult {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** @return true if there are errors */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** @return {@code {"data": ..., "errors": [...]}}, {@code errors} only when there are some */
  public Map<String, Object> toSpecification() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!errors.isEmpty()) {
      out.put("errors", errors);
    }
    out.put("data", data);
    return out;
  }

  /** @return {@link #toSpecification()} as pretty-printed JSON */
  public String toJson() {
    return Json.pretty(toSpecification());
  }
}
