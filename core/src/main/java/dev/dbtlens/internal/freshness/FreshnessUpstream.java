package dev.dbtlens.internal.freshness;

import dev.dbtlens.internal.lineage.GraphNode;
import dev.dbtlens.internal.lineage.LineageGraph;
import dev.dbtlens.NodeId;
import dev.dbtlens.UpstreamFreshness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The oldest upstream source load and model build of every model, snapshot and exposure, in one
 * pass over the lineage in topological order: a node's oldest ancestor is the oldest of its
 * parents' own times and its parents' oldest ancestors. O(nodes + edges).
 */
final class FreshnessUpstream {
  /** Resource types reported. */
  static final Set<String> REPORTED = Set.of("model", "snapshot", "exposure");

  private final LineageGraph graph;

  FreshnessUpstream(LineageGraph graph) {
    this.graph = graph;
  }

  /**
   * @param sourceLoads {@code max_loaded_at} of the latest check, by source unique id
   * @param builds last-success time, by model, seed and snapshot unique id
   * @param at the report's time
   * @return one entry per reported node, sorted by unique id
   */
  List<UpstreamFreshness> compute(Map<String, Instant> sourceLoads, Map<String, Instant> builds, Instant at) {
    Instant[] loaded = own(sourceLoads);
    Instant[] built = own(builds);
    int[] order = topologicalOrder();
    int[] oldestSource = oldestAncestor(order, loaded);
    int[] oldestBuild = oldestAncestor(order, built);
    List<UpstreamFreshness> out = new ArrayList<>();
    for (int v = 0; v < graph.nodes.length; v++) {
      GraphNode node = graph.nodes[v];
      if (REPORTED.contains(node.resourceType)) {
        out.add(entry(node, oldestSource[v], loaded, oldestBuild[v], built, at));
      }
    }
    out.sort(Comparator.comparing(u -> u.uniqueId().value()));
    return out;
  }

  private UpstreamFreshness entry(GraphNode node, int source, Instant[] loaded, int build, Instant[] built,
      Instant at) {
    Instant sourceTime = source < 0 ? null : loaded[source];
    Instant buildTime = build < 0 ? null : built[build];
    boolean sourceIsOldest = sourceTime != null && (buildTime == null || !buildTime.isBefore(sourceTime));
    Instant oldest = sourceIsOldest ? sourceTime : buildTime;
    int blame = sourceIsOldest ? source : build;
    return new UpstreamFreshness(NodeId.of(node.uniqueId), node.resourceType, sourceTime, id(source),
        buildTime, id(build), oldest, id(blame), FreshnessAnalysis.seconds(oldest, at));
  }

  private NodeId id(int index) {
    return index < 0 ? null : NodeId.of(graph.nodes[index].uniqueId);
  }

  private Instant[] own(Map<String, Instant> times) {
    Instant[] out = new Instant[graph.nodes.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = times.get(graph.nodes[i].uniqueId);
    }
    return out;
  }

  /**
   * @param order the nodes, parents before children
   * @param time each node's own time, or null
   * @return for each node, the index of its ancestor with the earliest time (ties: the smaller
   *     unique id), or -1 if no ancestor has a time
   */
  private int[] oldestAncestor(int[] order, Instant[] time) {
    int[] best = new int[time.length];
    Arrays.fill(best, -1);
    for (int v : order) {
      for (int p : graph.parents[v]) {
        best[v] = older(best[v], time[p] == null ? -1 : p, time);
        best[v] = older(best[v], best[p], time);
      }
    }
    return best;
  }

  private int older(int a, int b, Instant[] time) {
    if (b < 0 || a == b) {
      return a;
    }
    if (a < 0) {
      return b;
    }
    int c = time[a].compareTo(time[b]);
    if (c != 0) {
      return c < 0 ? a : b;
    }
    return graph.nodes[a].uniqueId.compareTo(graph.nodes[b].uniqueId) <= 0 ? a : b;
  }

  /** Kahn's algorithm over the parent/child arrays; the graph is acyclic (checked when built). */
  private int[] topologicalOrder() {
    int n = graph.nodes.length;
    int[] pending = new int[n];
    int[] order = new int[n];
    int tail = 0;
    for (int v = 0; v < n; v++) {
      pending[v] = graph.parents[v].length;
      if (pending[v] == 0) {
        order[tail++] = v;
      }
    }
    for (int head = 0; head < tail; head++) {
      for (int c : graph.children[order[head]]) {
        if (--pending[c] == 0) {
          order[tail++] = c;
        }
      }
    }
    return order;
  }
}
