package dev.dbtlens.internal.columns;

import dev.dbtlens.ColumnDirection;
import dev.dbtlens.ColumnEdge;
import dev.dbtlens.ColumnFilterUse;
import dev.dbtlens.ColumnLineage;
import dev.dbtlens.ColumnLineageNode;
import dev.dbtlens.ColumnRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One environment's column lineage in memory, for walks in either direction. Immutable once loaded. */
public final class ColumnGraph {
  record Info(String type, String expr, String errorCategory, String error) {}

  private final Map<ColumnRef, Info> info = new HashMap<>();
  private final Map<ColumnRef, List<ColumnEdge>> up = new HashMap<>();
  private final Map<ColumnRef, List<ColumnEdge>> down = new HashMap<>();
  private final Map<ColumnRef, List<ColumnFilterUse>> usesOf = new HashMap<>();
  private final Map<String, List<ColumnFilterUse>> filtersOf = new HashMap<>();
  private final Map<String, List<ColumnRef>> columnsOf = new LinkedHashMap<>();
  private final Map<String, String[]> nodeErrors = new HashMap<>();
  private final Map<ColumnRef, String> descriptions = new HashMap<>();
  private final Map<String, List<String>> exposuresOf = new HashMap<>();
  private final Map<ColumnRef, ColumnRef> descriptionOrigin = new HashMap<>();
  private final Set<ColumnRef> primaryKeys = new HashSet<>();
  private boolean primaryKeysKnown;

  /** Loads the environment's current column lineage. */
  public static ColumnGraph load(Connection c, String environment) throws SQLException {
    ColumnGraph g = new ColumnGraph();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT cc.unique_id, e.column_name, e.transformation_type, e.expression, e.parent_id, e.parent_column,"
            + " e.error_category, e.error, m.error_category, m.error"
            + " FROM store.column_current cc JOIN store.column_model m ON m.lineage_key = cc.lineage_key"
            + " LEFT JOIN store.column_edge e ON e.lineage_key = cc.lineage_key"
            + " WHERE cc.environment = ? ORDER BY cc.unique_id, e.column_index")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String node = r.getString(1);
          if (r.getString(9) != null) {
            g.nodeErrors.put(node, new String[] {r.getString(9), r.getString(10)});
          }
          if (r.getString(2) == null) {
            g.columnsOf.computeIfAbsent(node, k -> new ArrayList<>());
            continue;
          }
          ColumnRef child = new ColumnRef(node, r.getString(2));
          if (g.info.putIfAbsent(child, new Info(r.getString(3), r.getString(4), r.getString(7), r.getString(8))) == null) {
            g.columnsOf.computeIfAbsent(node, k -> new ArrayList<>()).add(child);
          }
          if (r.getString(5) != null) {
            ColumnEdge e = new ColumnEdge(new ColumnRef(r.getString(5), r.getString(6)), child, r.getString(3), r.getString(4));
            g.up.computeIfAbsent(child, k -> new ArrayList<>()).add(e);
            g.down.computeIfAbsent(e.parent(), k -> new ArrayList<>()).add(e);
          }
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "SELECT cc.unique_id, f.parent_id, f.parent_column, f.kind FROM store.column_current cc"
            + " JOIN store.column_filter f ON f.lineage_key = cc.lineage_key WHERE cc.environment = ?")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ColumnFilterUse u = new ColumnFilterUse(new ColumnRef(r.getString(2), r.getString(3)), r.getString(1), r.getString(4));
          g.usesOf.computeIfAbsent(u.column(), k -> new ArrayList<>()).add(u);
          g.filtersOf.computeIfAbsent(u.nodeUniqueId(), k -> new ArrayList<>()).add(u);
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "SELECT cn.unique_id, c.column_name, c.description FROM store.current_node cn"
            + " JOIN store.def_column c ON c.def_hash = cn.def_hash"
            + " WHERE cn.environment = ? AND c.description IS NOT NULL AND c.description <> ''")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          g.descriptions.put(new ColumnRef(r.getString(1), r.getString(2)), r.getString(3));
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "SELECT d.unique_id, unnest(d.depends_on_nodes) FROM store.current_node cn"
            + " JOIN store.node_def d ON d.def_hash = cn.def_hash"
            + " WHERE cn.environment = ? AND d.resource_type = 'exposure'")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          g.exposuresOf.computeIfAbsent(r.getString(2), k -> new ArrayList<>()).add(r.getString(1));
        }
      }
    }
    g.primaryKeysKnown = PrimaryKeys.load(c, environment, g.primaryKeys);
    return g;
  }

  /** @return the node's output columns in select order (empty when it has no lineage) */
  public List<ColumnRef> columnsOf(String node) {
    return columnsOf.getOrDefault(node, List.of());
  }

  /** @return whether the node has column lineage */
  public boolean hasNode(String node) {
    return columnsOf.containsKey(node);
  }

  /**
   * Walks from the given columns.
   *
   * @param maxDepth edges to follow at most; 0 or less for no limit
   */
  public ColumnLineage walk(Collection<ColumnRef> roots, ColumnDirection direction, int maxDepth) {
    Map<ColumnRef, ColumnLineageNode> seen = new LinkedHashMap<>();
    Set<ColumnEdge> edges = new LinkedHashSet<>();
    for (ColumnRef r : roots) {
      seen.put(r, node(r, 0, "root"));
    }
    if (direction != ColumnDirection.DOWNSTREAM) {
      bfs(roots, up, true, maxDepth, seen, edges);
    }
    if (direction != ColumnDirection.UPSTREAM) {
      bfs(roots, down, false, maxDepth, seen, edges);
    }
    Set<ColumnFilterUse> filters = new LinkedHashSet<>();
    Set<String> exposures = new java.util.TreeSet<>();
    Set<String> nodes = new HashSet<>();
    seen.keySet().forEach(c -> nodes.add(c.nodeUniqueId()));
    for (ColumnLineageNode n : seen.values()) {
      if (!"child".equals(n.relationship())) {
        filtersOf.getOrDefault(n.column().nodeUniqueId(), List.of()).stream()
            .filter(u -> seen.containsKey(u.column()) || "root".equals(n.relationship()))
            .forEach(filters::add);
      }
      if (direction != ColumnDirection.UPSTREAM && !"parent".equals(n.relationship())) {
        filters.addAll(usesOf.getOrDefault(n.column(), List.of()));
        exposures.addAll(exposuresOf.getOrDefault(n.column().nodeUniqueId(), List.of()));
      }
    }
    return new ColumnLineage(new ArrayList<>(seen.values()), new ArrayList<>(edges), new ArrayList<>(filters),
        new ArrayList<>(exposures));
  }

  private void bfs(Collection<ColumnRef> roots, Map<ColumnRef, List<ColumnEdge>> adj, boolean upstream, int maxDepth,
      Map<ColumnRef, ColumnLineageNode> seen, Set<ColumnEdge> edges) {
    ArrayDeque<ColumnRef> queue = new ArrayDeque<>(roots);
    Map<ColumnRef, Integer> depth = new HashMap<>();
    roots.forEach(r -> depth.put(r, 0));
    while (!queue.isEmpty()) {
      ColumnRef at = queue.poll();
      int d = depth.get(at);
      if (maxDepth > 0 && d >= maxDepth) {
        continue;
      }
      for (ColumnEdge e : adj.getOrDefault(at, List.of())) {
        edges.add(e);
        ColumnRef next = upstream ? e.parent() : e.child();
        if (!depth.containsKey(next)) {
          depth.put(next, d + 1);
          seen.putIfAbsent(next, node(next, d + 1, upstream ? "parent" : "child"));
          queue.add(next);
        }
      }
    }
  }

  /** A column with its description (own or inherited) and errors. */
  public synchronized ColumnLineageNode node(ColumnRef c, int depth, String relationship) {
    Info i = info.get(c);
    String[] nodeError = nodeErrors.get(c.nodeUniqueId());
    ColumnRef origin = descriptionOrigin(c, 0);
    String cat = i != null ? i.errorCategory() : null;
    String err = i != null ? i.error() : null;
    if (nodeError != null) {
      cat = nodeError[0];
      err = nodeError[1];
    }
    return new ColumnLineageNode(c, depth, relationship, i == null ? null : i.type(), i == null ? null : i.expr(),
        origin == null ? null : descriptions.get(origin), origin == null ? null : origin.column(),
        origin == null ? null : origin.nodeUniqueId(), cat != null, err, cat,
        !primaryKeysKnown || c.nodeUniqueId().startsWith("?") ? null : primaryKeys.contains(c));
  }

  /** The column whose description this one has: itself, or up a chain of passthrough/renamed edges. */
  private ColumnRef descriptionOrigin(ColumnRef c, int guard) {
    if (descriptions.containsKey(c)) {
      return c;
    }
    if (guard > 200) {
      return null;
    }
    ColumnRef cached = descriptionOrigin.get(c);
    if (cached != null || descriptionOrigin.containsKey(c)) {
      return cached;
    }
    List<ColumnEdge> parents = up.getOrDefault(c, List.of());
    ColumnRef found = null;
    if (parents.size() == 1 && !"transformed".equals(parents.get(0).transformationType())) {
      found = descriptionOrigin(parents.get(0).parent(), guard + 1);
    }
    descriptionOrigin.put(c, found);
    return found;
  }

  /** @return the nodes with column lineage, in id order */
  public List<String> nodes() {
    return columnsOf.keySet().stream().sorted().toList();
  }

  static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
