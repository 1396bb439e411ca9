package dev.dbtlens.internal.ingest;

import dev.dbtlens.ArtifactKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The top-level members each artifact version requires, as dbt's official JSON Schemas
 * (schemas.getdbt.com) list them; a file without one is bad input, not an empty artifact. A version
 * newer than dbtlens knows is held to the newest known one. {@code RequiredMembersTest} compares
 * this table with the schemas.
 */
final class RequiredMembers {
  private static final List<String> RESULTS = List.of("metadata", "results", "elapsed_time");
  private static final List<String> CATALOG = List.of("metadata", "nodes", "sources");
  private static final List<String> MANIFEST_V1 =
      List.of("metadata", "nodes", "sources", "macros", "docs", "exposures", "selectors");

  private RequiredMembers() {}

  /**
   * @param kind the artifact
   * @param version its schema version number (0 for unversioned)
   * @return the members it must have
   */
  static List<String> of(ArtifactKind kind, int version) {
    Integer latest = ArtifactProbe.LATEST.get(kind);
    int v = latest == null ? version : Math.min(version, latest);
    return switch (kind) {
      case RUN_RESULTS, SOURCES -> RESULTS;
      case CATALOG -> CATALOG;
      case MANIFEST -> manifest(v);
      case SEMANTIC_MANIFEST -> List.of();
    };
  }

  private static List<String> manifest(int v) {
    List<String> m = new ArrayList<>(MANIFEST_V1);
    if (v >= 4) {
      m.add("metrics");
    }
    if (v >= 9) {
      m.add("groups");
    }
    if (v >= 10) {
      m.add("semantic_models");
    }
    if (v >= 11) {
      m.addAll(List.of("disabled", "parent_map", "child_map", "group_map", "saved_queries"));
    }
    if (v >= 12) {
      m.add("unit_tests");
    }
    return m;
  }

  /**
   * @param reading the file and its version
   * @param header what the file is
   * @param seen the top-level members the file has
   * @throws dev.dbtlens.ArtifactFormatException naming every missing member
   */
  static void check(Reading reading, ArtifactHeader header, Set<String> seen) {
    List<String> missing = of(header.kind(), header.version()).stream()
        .filter(m -> !seen.contains(m))
        .toList();
    if (missing.isEmpty()) {
      return;
    }
    String version = header.schemaVersion();
    if (missing.size() == 1) {
      throw reading.error("$." + missing.get(0), "required member '" + missing.get(0) + "' of " + version
          + " is missing");
    }
    throw reading.error("$", "required members " + String.join(", ", missing.stream()
        .map(m -> "'" + m + "'").toList()) + " of " + version + " are missing");
  }
}
