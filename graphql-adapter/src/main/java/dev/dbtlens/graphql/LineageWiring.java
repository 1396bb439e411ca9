package dev.dbtlens.graphql;

import dev.dbtlens.Lineage;
import dev.dbtlens.LineageNode;
import dev.dbtlens.NodeId;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code lineage(filter)}: dbt selection on core's in-memory graph (no SQL), each node with its
 * direct parents; {@code LineageNode.node} reads the full node through the DataLoader.
 */
final class LineageWiring {
  private LineageWiring() {}

  static void wire(RuntimeWiring.Builder wiring, TypeDefinitionRegistry types) {
    List<String> lineageTypes = Wire.objectTypes(types, t -> Wire.implementsInterface(t, "LineageNode"));
    Wire.fields(wiring, types, lineageTypes, fetchers());
    for (String i : List.of("LineageNode", "LineageGraphNode", "LineageNodeExecutable",
        "LineageNodeTestable", "LineageNodeWithParents")) {
      wiring.type(i, t -> t.typeResolver(env ->
          env.getSchema().getObjectType(objectType(((LineageEntry) env.getObject()).resourceType()))));
    }
  }

  private static Map<String, DataFetcher<?>> fetchers() {
    Map<String, DataFetcher<?>> f = new LinkedHashMap<>();
    f.put("projectId", env -> 0L);
    f.put("resourceType", env -> ResourceTypes.enumValue(entry(env).resourceType()));
    f.put("filePath", env -> entry(env).filePath() == null ? "" : entry(env).filePath());
    f.put("publicParentIds", env -> List.of());
    f.put("node", env -> Loaders.get(env, Loaders.NODE).load(entry(env).key()));
    for (String field : List.of("access", "database", "schema", "group", "version", "modelingLayer",
        "sourceName")) {
      f.put(field, env -> node(env).thenApply(n -> n == null ? null : nodeField(n, field)));
    }
    f.put("materializationType", env -> node(env).thenApply(n -> n == null ? null : n.materializedType()));
    f.put("lastRunStatus", LineageWiring::lastRunStatus);
    f.put("worstTestStatus", env -> Loaders.<Map<String, Object>>get(env, Loaders.TEST_STATUSES)
        .load(entry(env).key()).thenApply(LineageWiring::worst));
    return f;
  }

  private static LineageEntry entry(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static CompletableFuture<NodeRow> node(DataFetchingEnvironment env) {
    return Loaders.<NodeRow>get(env, Loaders.NODE).load(entry(env).key());
  }

  private static Object nodeField(NodeRow n, String field) {
    return switch (field) {
      case "access" -> n.access();
      case "database" -> n.database();
      case "schema" -> n.schema();
      case "group" -> n.group();
      case "version" -> n.version();
      case "modelingLayer" -> n.modelingLayer();
      default -> n.sourceName();
    };
  }

  private static CompletableFuture<String> lastRunStatus(DataFetchingEnvironment env) {
    if ("source".equals(entry(env).resourceType())) {
      return Loaders.<FreshnessRun>get(env, Loaders.FRESHNESS).load(entry(env).key())
          .thenApply(f -> f == null ? null : f.status());
    }
    return Loaders.<ExecutionInfo>get(env, Loaders.EXECUTION).load(entry(env).key())
        .thenApply(e -> e == null ? null : e.lastRunStatus());
  }

  private static final List<String> WORST_FIRST = List.of("error", "fail", "warn", "skipped", "pass");

  private static String worst(Map<String, Object> statuses) {
    if (statuses == null) {
      return null;
    }
    for (String s : WORST_FIRST) {
      if (statuses.containsKey(s)) {
        return s;
      }
    }
    return statuses.keySet().stream().findFirst().orElse(null);
  }

  /** @return the lineage object type of a dbt resource type */
  static String objectType(String resourceType) {
    return switch (resourceType) {
      case "model" -> "ModelLineageNode";
      case "source" -> "SourceLineageNode";
      case "seed" -> "SeedLineageNode";
      case "snapshot" -> "SnapshotLineageNode";
      case "test", "unit_test" -> "TestLineageNode";
      case "exposure" -> "ExposureLineageNode";
      case "metric" -> "MetricLineageNode";
      case "semantic_model" -> "SemanticModelLineageNode";
      case "saved_query" -> "SavedQueryLineageNode";
      case "macro" -> "MacroLineageNode";
      case "function" -> "FunctionLineageNode";
      default -> "GenericLineageNode";
    };
  }

  static List<LineageEntry> lineage(DataFetchingEnvironment env) {
    String environment = StateWiring.environment(env).name();
    Args filter = Args.of(env.getArguments()).object("filter");
    Lineage lineage = Request.of(env).lineage(environment);
    String select = filter.str("select");
    List<String> selected = Selectors.select(lineage, select, filter.str("exclude"));
    Set<String> matches = select == null || select.isBlank() ? null
        : Selectors.methodMatches(lineage, select);
    List<String> types = ResourceTypes.dbt(filter.strings("types"));
    List<String> ids = filter.strings("uniqueIds");
    List<String> tags = filter.strings("tags");
    List<LineageEntry> out = new ArrayList<>();
    for (String id : selected) {
      LineageNode node = lineage.node(NodeId.of(id)).orElse(null);
      if (node == null || ResourceTypes.enumValue(node.resourceType()) == null
          || !keep(node, types, ids, tags)) {
        continue;
      }
      List<String> parents = lineage.upstream(node.uniqueId(), 1).stream().map(NodeId::value).toList();
      out.add(LineageEntry.of(environment, node, parents, matches == null || matches.contains(id)));
    }
    return out;
  }

  private static boolean keep(LineageNode node, List<String> types, List<String> ids, List<String> tags) {
    if (types != null && !types.contains(node.resourceType())) {
      return false;
    }
    if (ids != null && !ids.contains(node.uniqueId().value()) && !ids.contains(node.name())) {
      return false;
    }
    return tags == null || node.tags().stream().anyMatch(tags::contains);
  }
}
