package dev.dbtlens.graphql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The schema's resource type enums and dbt's resource type names. */
final class ResourceTypes {
  private ResourceTypes() {}

  private static final Map<String, List<String>> DBT = Map.ofEntries(
      Map.entry("Analysis", List.of("analysis")),
      Map.entry("Exposure", List.of("exposure")),
      Map.entry("Group", List.of("group")),
      Map.entry("Macro", List.of("macro")),
      Map.entry("Metric", List.of("metric")),
      Map.entry("Model", List.of("model")),
      Map.entry("SavedQuery", List.of("saved_query")),
      Map.entry("Seed", List.of("seed")),
      Map.entry("SemanticModel", List.of("semantic_model")),
      Map.entry("Snapshot", List.of("snapshot")),
      Map.entry("Source", List.of("source")),
      Map.entry("Test", List.of("test", "unit_test")),
      Map.entry("Function", List.of("function")),
      Map.entry("Operation", List.of("operation")));

  static final List<String> MODELS = List.of("model");
  static final List<String> SOURCES = List.of("source");
  static final List<String> TESTS = List.of("test", "unit_test");
  static final List<String> SEEDS = List.of("seed");
  static final List<String> SNAPSHOTS = List.of("snapshot");
  static final List<String> EXPOSURES = List.of("exposure");
  static final List<String> METRICS = List.of("metric");
  static final List<String> SEMANTIC_MODELS = List.of("semantic_model");
  static final List<String> SAVED_QUERIES = List.of("saved_query");
  static final List<String> GROUPS = List.of("group");
  /** The types with run results. */
  static final List<String> BUILT = List.of("model", "seed", "snapshot", "test", "unit_test");

  /**
   * @param enumValues values of {@code ResourceNodeType} or {@code AncestorNodeType}, or null
   * @return dbt's resource types for them, or null for null
   */
  static List<String> dbt(List<String> enumValues) {
    if (enumValues == null) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String v : enumValues) {
      out.addAll(DBT.getOrDefault(v, List.of()));
    }
    return new ArrayList<>(out);
  }

  /**
   * @param ownerResourceType an {@code OwnerResourceType} value, or null
   * @return the dbt resource types whose owners it asks for, or null for all
   */
  static List<String> ownerTypes(String ownerResourceType) {
    return ownerResourceType == null ? null : List.of(ownerResourceType);
  }

  /** @return the {@code ResourceNodeType} value of a dbt resource type, or null when it has none */
  static String enumValue(String resourceType) {
    for (Map.Entry<String, List<String>> e : DBT.entrySet()) {
      if (e.getValue().contains(resourceType)) {
        return e.getKey();
      }
    }
    return null;
  }
}
