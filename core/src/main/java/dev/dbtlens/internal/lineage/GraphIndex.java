package dev.dbtlens.internal.lineage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Lookup tables over one graph's nodes, so that selection methods cost about the size of what they
 * select instead of a scan of every node: node indexes by tag, by resource type, and by the fqn
 * parts an {@code fqn:} value can match on. Each table is built on first use, once per graph.
 */
public final class GraphIndex {
  /** Resource types in dbt's {@code manifest.nodes} and unit tests: what fqn: searches. */
  public static final Set<String> PARSED = Set.of("model", "test", "seed", "snapshot", "analysis",
      "operation", "sql_operation", "rpc", "unit_test", "function");

  private static final int[] NONE = new int[0];

  private final LineageGraph graph;
  private volatile Map<String, int[]> byTag;
  private volatile Map<String, int[]> byType;
  private volatile Map<String, int[]> byFqnKey;
  private final Map<String, BitSet> typeBits = new ConcurrentHashMap<>();

  GraphIndex(LineageGraph graph) {
    this.graph = graph;
  }

  /** @return the nodes carrying exactly this tag, ascending */
  public int[] tagged(String tag) {
    return tags().getOrDefault(tag, NONE);
  }

  /** @return every distinct tag of the graph */
  public Set<String> tagNames() {
    return tags().keySet();
  }

  /** @return the nodes of a resource type, ascending */
  public int[] ofType(String type) {
    Map<String, int[]> m = byType;
    if (m == null) {
      synchronized (this) {
        if (byType == null) {
          byType = build(n -> List.of(n.resourceType));
        }
        m = byType;
      }
    }
    return m.getOrDefault(type, NONE);
  }

  /** @return the nodes of a resource type, as a set not to be changed */
  public BitSet typeBits(String type) {
    BitSet b = typeBits.get(type);
    if (b == null) {
      b = new BitSet();
      setAll(b, ofType(type));
      typeBits.put(type, b);
    }
    return b;
  }

  /**
   * @return the parsed nodes ({@link #PARSED} types) with the key as their leaf name, as a versioned
   *     model's name or {@code name_vN}, or as the first part of their fqn with or without its
   *     package: every node an fqn: value without a leading wildcard can match has one of the keys
   *     {@code value}, its first dot-part, or its second-to-last dot-part
   */
  public int[] fqnKey(String key) {
    Map<String, int[]> m = byFqnKey;
    if (m == null) {
      synchronized (this) {
        if (byFqnKey == null) {
          byFqnKey = build(GraphIndex::fqnKeys);
        }
        m = byFqnKey;
      }
    }
    return m.getOrDefault(key, NONE);
  }

  private Map<String, int[]> tags() {
    Map<String, int[]> m = byTag;
    if (m == null) {
      synchronized (this) {
        if (byTag == null) {
          byTag = build(n -> n.tags);
        }
        m = byTag;
      }
    }
    return m;
  }

  private static List<String> fqnKeys(GraphNode n) {
    List<String> fqn = n.fqn;
    if (fqn.isEmpty() || !PARSED.contains(n.resourceType)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>(5);
    keys.add(fqn.get(fqn.size() - 1));
    if (n.isVersioned() && fqn.size() >= 2) {
      String name = fqn.get(fqn.size() - 2);
      keys.add(name);
      keys.add(name + "_" + fqn.get(fqn.size() - 1));
    }
    keys.add(firstPart(fqn.get(0)));
    if (fqn.size() > 1) {
      keys.add(firstPart(fqn.get(1)));
    }
    return keys;
  }

  private static String firstPart(String segment) {
    int dot = segment.indexOf('.');
    return dot < 0 ? segment : segment.substring(0, dot);
  }

  private Map<String, int[]> build(Function<GraphNode, List<String>> keys) {
    Map<String, int[]> lists = new HashMap<>();
    Map<String, Integer> sizes = new HashMap<>();
    GraphNode[] nodes = graph.nodes;
    for (int i = 0; i < nodes.length; i++) {
      for (String k : keys.apply(nodes[i])) {
        if (k == null) {
          continue;
        }
        int[] list = lists.get(k);
        int size = sizes.getOrDefault(k, 0);
        if (list == null) {
          list = new int[4];
        } else if (size > 0 && list[size - 1] == i) {
          continue; // the same key twice on one node
        } else if (size == list.length) {
          list = Arrays.copyOf(list, size * 2);
        }
        list[size] = i;
        lists.put(k, list);
        sizes.put(k, size + 1);
      }
    }
    Map<String, int[]> out = new HashMap<>(lists.size() * 2);
    lists.forEach((k, list) -> out.put(k, Arrays.copyOf(list, sizes.get(k))));
    return out;
  }

  /** Sets the bits of the listed nodes. */
  public static void setAll(BitSet bits, int[] nodes) {
    for (int i : nodes) {
      bits.set(i);
    }
  }
}
