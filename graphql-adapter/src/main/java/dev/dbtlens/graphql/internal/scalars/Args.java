package dev.dbtlens.graphql.internal.scalars;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one GraphQL input object or argument map (graphql-java hands inputs over as maps;
 * this is the one place that reads them).
 */
public final class Args {
  private final Map<String, Object> values;

  private Args(Map<String, Object> values) {
    this.values = values == null ? Map.of() : values;
  }

  public static Args of(Map<String, Object> values) {
    return new Args(values);
  }

  /** @return the input object argument {@code name} (empty if absent) */
  public Args object(String name) {
    Object v = values.get(name);
    if (!(v instanceof Map<?, ?> m)) {
      return new Args(Map.of());
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    m.forEach((k, val) -> copy.put(String.valueOf(k), val));
    return new Args(copy);
  }

  public boolean has(String name) {
    return values.get(name) != null;
  }

  public String str(String name) {
    Object v = values.get(name);
    return v == null ? null : String.valueOf(v);
  }

  public Integer integer(String name) {
    Object v = values.get(name);
    return v instanceof Number n ? n.intValue() : null;
  }

  public Boolean bool(String name) {
    Object v = values.get(name);
    return v instanceof Boolean b ? b : null;
  }

  /** @return a {@code DateTime} argument, or null */
  public Instant instant(String name) {
    Object v = values.get(name);
    return v instanceof Instant i ? i : null;
  }

  /** @return the list argument as strings, or null when absent or empty (an empty list does not filter) */
  public List<String> strings(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      l.forEach(o -> out.add(String.valueOf(o)));
    } else {
      out.add(String.valueOf(v));
    }
    return out.isEmpty() ? null : out;
  }

  /** @return the JSON object argument as JSON text, or null when absent */
  public String jsonText(String name) {
    Object v = values.get(name);
    return v == null ? null : Json.write(v);
  }
}
