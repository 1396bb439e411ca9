package dev.dbtlens.graphql.internal.scalars;

/**
 * JSON text read from a JSON column, parsed only when a query asks for it: the {@code JSONObject}
 * and {@code AnyScalar} scalars turn it into maps and lists.
 *
 * @param text the JSON text
 */
public record JsonText(String text) {
  /** @return the wrapped text, or null for null text */
  public static JsonText of(String text) {
    return text == null ? null : new JsonText(text);
  }

  /** @return the parsed value */
  Object value() {
    return Json.parse(text);
  }
}
