package dev.dbtlens.cli.freshness;

import dev.dbtlens.FreshnessReport;
import dev.dbtlens.NodeId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report as one JSON object: records by their components in snake case, times and ids as text. */
final class FreshnessJson {
  private FreshnessJson() {}

  static Map<String, Object> of(FreshnessReport r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("environment", r.environment());
    out.put("at", r.at().toString());
    out.put("sources", maps(r.sources()));
    out.put("models", maps(r.models()));
    out.put("upstream", maps(r.upstream()));
    return out;
  }

  private static List<Map<String, Object>> maps(List<? extends Record> records) {
    return records.stream().map(FreshnessJson::asMap).toList();
  }

  private static Map<String, Object> asMap(Record rec) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (var c : rec.getClass().getRecordComponents()) {
      try {
        out.put(snake(c.getName()), plain(c.getAccessor().invoke(rec)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  private static Object plain(Object v) {
    if (v instanceof Instant || v instanceof NodeId) {
      return v.toString();
    }
    if (v instanceof Record nested) {
      return asMap(nested);
    }
    return v;
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
