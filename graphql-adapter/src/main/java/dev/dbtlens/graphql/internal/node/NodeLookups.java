package dev.dbtlens.graphql.internal.node;

import dev.dbtlens.Lineage;
import dev.dbtlens.NodeId;
import dev.dbtlens.NotFoundException;
import dev.dbtlens.graphql.internal.execution.Db;
import dev.dbtlens.graphql.internal.execution.NamedSql;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.execution.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Nodes by id and by relation, for many nodes of one environment in one query. */
public final class NodeLookups {
  private NodeLookups() {}

  /** @return the nodes of those ids that the latest manifest has, by unique id */
  public static Map<String, NodeRow> byIds(Request request, String environment, Set<String> ids) {
    Map<String, NodeRow> out = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    Map<String, Object> p = new HashMap<>();
    p.put("env", environment);
    p.put("ids", List.copyOf(ids));
    for (NodeRow row : request.db().list(NodeSql.BY_IDS.get(request), p, NodeRow::read)) {
      out.put(row.uniqueId(), row);
    }
    return out;
  }

  /**
   * @param upward true for parents, false for children
   * @param types dbt resource types to keep, or null for all
   * @return for each id, its direct parents or children, sorted by unique id (empty when none)
   */
  static Map<String, List<NodeRow>> neighbours(Request request, String environment,
      Set<String> ids, boolean upward, List<String> types) {
    Map<String, List<NodeRow>> out = new HashMap<>();
    ids.forEach(id -> out.put(id, new ArrayList<>()));
    Map<String, Object> p = new HashMap<>();
    p.put("env", environment);
    p.put("ids", List.copyOf(ids));
    p.put("types", types);
    request.db().list((upward ? NodeSql.PARENTS : NodeSql.CHILDREN).get(request), p, r -> {
      out.get(r.str("key_id")).add(NodeRow.read(r));
      return null;
    });
    return out;
  }

  /**
   * Every ancestor ({@code upward}) or descendant of each node, walked on core's in-memory graph,
   * then read in one query.
   *
   * @return for each id, its ancestors or descendants sorted by unique id
   */
  static Map<String, List<NodeRow>> reach(Request request, String environment, Set<String> ids,
      boolean upward) {
    Map<String, List<String>> reached = new HashMap<>();
    Set<String> all = new LinkedHashSet<>();
    Lineage lineage = lineageOrNull(request, environment);
    for (String id : ids) {
      List<String> found = new ArrayList<>();
      if (lineage != null && lineage.node(NodeId.of(id)).isPresent()) {
        List<NodeId> walked = upward ? lineage.upstream(NodeId.of(id), -1)
            : lineage.downstream(NodeId.of(id), -1);
        walked.forEach(n -> found.add(n.value()));
      }
      reached.put(id, found);
      all.addAll(found);
    }
    Map<String, NodeRow> rows = byIds(request, environment, all);
    Map<String, List<NodeRow>> out = new HashMap<>();
    reached.forEach((id, found) -> {
      List<NodeRow> list = new ArrayList<>();
      found.stream().map(rows::get).filter(r -> r != null).forEach(list::add);
      out.put(id, list);
    });
    return out;
  }

  private static Lineage lineageOrNull(Request request, String environment) {
    try {
      return request.lineage(environment);
    } catch (NotFoundException e) {
      return null;
    }
  }

  /** @return for each versioned model id, every version of that model, sorted by unique id */
  static Map<String, List<NodeRow>> modelVersions(Request request, String environment, Set<String> ids) {
    Map<String, List<NodeRow>> out = new HashMap<>();
    Map<String, Object> p = new HashMap<>();
    p.put("env", environment);
    p.put("ids", List.copyOf(ids));
    request.db().list(NodeSql.MODEL_VERSIONS.get(request), p, r -> {
      out.computeIfAbsent(r.str("key_id"), k -> new ArrayList<>()).add(NodeRow.read(r));
      return null;
    });
    return out;
  }

  /** @return for each group id, the models of the group, sorted by unique id */
  static Map<String, List<NodeRow>> groupModels(Request request, String environment, Set<String> ids) {
    Map<String, List<NodeRow>> out = new HashMap<>();
    Map<String, Object> p = new HashMap<>();
    p.put("env", environment);
    p.put("ids", List.copyOf(ids));
    request.db().list(NodeSql.GROUP_MODELS.get(request), p, r -> {
      out.computeIfAbsent(r.str("key_id"), k -> new ArrayList<>()).add(NodeRow.read(r));
      return null;
    });
    return out;
  }
}
