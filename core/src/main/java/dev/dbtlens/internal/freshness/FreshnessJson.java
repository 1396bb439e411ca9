package dev.dbtlens.internal.freshness;

import dev.dbtlens.internal.dbt.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.FreshnessCriteria;
import java.io.IOException;

/** Reads freshness criteria from stored columns and from JSON ({@code freshness}, {@code meta.freshness}). */
final class FreshnessJson {
  private FreshnessJson() {}

  /** @return criteria from a source_freshness row's columns, or null if neither threshold is set */
  static FreshnessCriteria fromColumns(Integer warnCount, String warnPeriod, Integer errorCount,
      String errorPeriod) {
    return criteria(after(warnCount, warnPeriod), after(errorCount, errorPeriod));
  }

  /** @return a source definition's criteria: its {@code freshness}, else {@code config.freshness} */
  static FreshnessCriteria sourceDefinition(String freshnessJson, String configJson) {
    FreshnessCriteria own = fromJson(parse(freshnessJson));
    return own != null ? own : fromJson(parse(configJson).path("freshness"));
  }

  /** @return a model's SLA: {@code meta.freshness}, else {@code config.meta.freshness} */
  static FreshnessCriteria modelSla(String metaJson, String configJson) {
    FreshnessCriteria own = fromJson(parse(metaJson).path("freshness"));
    return own != null ? own : fromJson(parse(configJson).path("meta").path("freshness"));
  }

  /** @return criteria from {@code {warn_after: {count, period}, error_after: {...}}}, or null */
  static FreshnessCriteria fromJson(JsonNode freshness) {
    if (freshness == null || !freshness.isObject()) {
      return null;
    }
    return criteria(after(freshness.get("warn_after")), after(freshness.get("error_after")));
  }

  private static FreshnessCriteria criteria(FreshnessCriteria.After warn, FreshnessCriteria.After error) {
    return warn == null && error == null ? null : new FreshnessCriteria(warn, error);
  }

  private static FreshnessCriteria.After after(JsonNode after) {
    if (after == null || !after.isObject()) {
      return null;
    }
    return after(count(after.get("count")), Json.scalar(after.get("period")));
  }

  private static FreshnessCriteria.After after(Integer count, String period) {
    if (count == null || period == null || period.isBlank()) {
      return null;
    }
    return new FreshnessCriteria.After(count, period);
  }

  /** A whole number, or a string holding one (meta is free-form YAML); else null. */
  private static Integer count(JsonNode count) {
    if (count == null || count.isNull()) {
      return null;
    }
    if (count.isIntegralNumber() && count.canConvertToInt()) {
      return count.intValue();
    }
    if (count.isTextual()) {
      try {
        return Integer.valueOf(count.textValue().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static JsonNode parse(String json) {
    if (json == null || json.isBlank()) {
      return Json.MAPPER.missingNode();
    }
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      return Json.MAPPER.missingNode();
    }
  }
}
