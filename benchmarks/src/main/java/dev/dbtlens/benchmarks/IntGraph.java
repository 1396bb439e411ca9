package dev.dbtlens.benchmarks;

import dev.dbtlens.DbtLens;
import dev.dbtlens.NodeId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lineage floor: a manifest's graph as int adjacency arrays, read once from the public {@code
 * nodes} and {@code edges} views, with plain breadth-first walks over it. It computes the same sets
 * as dbt selection on the same graph (graph operators, then eager test expansion, without {@code
 * operation} nodes), so its answers can be checked against dbtlens'. Node indexes follow the
 * unique ids' sort order, so a set's ids come out sorted without sorting.
 */
final class IntGraph {
  final String[] ids;
  final int[][] parents;
  final int[][] children;
  final boolean[] test;
  final boolean[] operation;
  final String[][] tags;
  final Map<String, Integer> modelsByName = new HashMap<>();
  private final int[] queue;

  private IntGraph(TreeMap<String, String[]> nodes, List<String[]> edges) {
    int n = nodes.size();
    ids = nodes.keySet().toArray(String[]::new);
    Map<String, Integer> index = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      index.put(ids[i], i);
    }
    test = new boolean[n];
    operation = new boolean[n];
    tags = new String[n][];
    int i = 0;
    for (String[] row : nodes.values()) {
      String type = row[0];
      test[i] = "test".equals(type) || "unit_test".equals(type);
      operation[i] = "operation".equals(type);
      tags[i] = row.length > 2 ? java.util.Arrays.copyOfRange(row, 2, row.length) : new String[0];
      if ("model".equals(type)) {
        modelsByName.putIfAbsent(row[1], i);
      }
      i++;
    }
    int[] out = new int[n];
    int[] in = new int[n];
    for (String[] e : edges) {
      out[index.get(e[0])]++;
      in[index.get(e[1])]++;
    }
    parents = new int[n][];
    children = new int[n][];
    for (int k = 0; k < n; k++) {
      parents[k] = new int[in[k]];
      children[k] = new int[out[k]];
    }
    int[] outFill = new int[n];
    int[] inFill = new int[n];
    for (String[] e : edges) {
      int p = index.get(e[0]);
      int c = index.get(e[1]);
      children[p][outFill[p]++] = c;
      parents[c][inFill[c]++] = p;
    }
    queue = new int[n];
  }

  /** Reads the environment's latest manifest graph from the {@code nodes} and {@code edges} views. */
  static IntGraph load(DbtLens lens, String environment) {
    TreeMap<String, String[]> nodes = new TreeMap<>();
    List<String[]> edges = new ArrayList<>();
    try (Connection c = lens.connection()) {
      try (PreparedStatement s = c.prepareStatement("SELECT unique_id, resource_type, name, tags FROM nodes"
          + " WHERE environment = ? AND resource_type NOT IN ('group', 'macro', 'doc')")) {
        s.setString(1, environment);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            List<String> row = new ArrayList<>(List.of(r.getString(2), r.getString(3)));
            Array tags = r.getArray(4);
            if (tags != null) {
              for (Object t : (Object[]) tags.getArray()) {
                row.add(String.valueOf(t));
              }
            }
            nodes.put(r.getString(1), row.toArray(String[]::new));
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement(
          "SELECT parent_id, child_id FROM edges WHERE environment = ?")) {
        s.setString(1, environment);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String[] e = {r.getString(1), r.getString(2)};
            edges.add(e);
            for (String id : e) {
              // a parent the manifest does not define (e.g. disabled) is a bare node
              nodes.computeIfAbsent(id, k -> new String[] {k.substring(0, k.indexOf('.')), k});
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the graph", e);
    }
    return new IntGraph(nodes, edges);
  }

  int size() {
    return ids.length;
  }

  /**
   * Breadth-first from the seeds along parent ({@code up}) or child links, at most {@code depth}
   * generations (negative: all). The seeds are in the result only if reached again.
   */
  BitSet walk(BitSet seeds, boolean up, int depth) {
    int[][] links = up ? parents : children;
    BitSet visited = (BitSet) seeds.clone();
    BitSet reached = new BitSet(ids.length);
    int head = 0;
    int tail = 0;
    for (int s = seeds.nextSetBit(0); s >= 0; s = seeds.nextSetBit(s + 1)) {
      queue[tail++] = s;
    }
    for (int level = 0; head < tail && (depth < 0 || level < depth); level++) {
      int end = tail;
      while (head < end) {
        for (int next : links[queue[head++]]) {
          reached.set(next);
          if (!visited.get(next)) {
            visited.set(next);
            queue[tail++] = next;
          }
        }
      }
    }
    return reached;
  }

  BitSet single(int node) {
    BitSet b = new BitSet(ids.length);
    b.set(node);
    return b;
  }

  /** {@code +node+}: the node, its ancestors and its descendants. */
  BitSet parentsAndChildren(int node) {
    BitSet seed = single(node);
    BitSet out = walk(seed, true, -1);
    out.or(walk(seed, false, -1));
    out.set(node);
    return out;
  }

  /** {@code N+node}: the node and N generations of ancestors. */
  BitSet parents(int node, int depth) {
    BitSet out = walk(single(node), true, depth);
    out.set(node);
    return out;
  }

  /** {@code @node}: the node, its descendants, and all their ancestors. */
  BitSet childrensParents(int node) {
    BitSet down = walk(single(node), false, -1);
    down.set(node);
    BitSet out = walk(down, true, -1);
    out.or(down);
    return out;
  }

  /** Nodes carrying a tag. */
  BitSet tagged(String tag) {
    BitSet out = new BitSet(ids.length);
    for (int i = 0; i < tags.length; i++) {
      for (String t : tags[i]) {
        if (t.equals(tag)) {
          out.set(i);
          break;
        }
      }
    }
    return out;
  }

  /** dbt's eager indirect selection: tests directly downstream of a selected node come along. */
  BitSet withTests(BitSet selected) {
    BitSet out = (BitSet) selected.clone();
    for (int s = selected.nextSetBit(0); s >= 0; s = selected.nextSetBit(s + 1)) {
      for (int c : children[s]) {
        if (test[c]) {
          out.set(c);
        }
      }
    }
    return out;
  }

  /** The selected ids without operations, in unique id order. */
  List<NodeId> result(BitSet selected) {
    List<NodeId> out = new ArrayList<>(selected.cardinality());
    for (int i = selected.nextSetBit(0); i >= 0; i = selected.nextSetBit(i + 1)) {
      if (!operation[i]) {
        out.add(NodeId.of(ids[i]));
      }
    }
    return out;
  }
}
