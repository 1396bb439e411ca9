package dev.dbtlens.internal;

import dev.dbtlens.ManifestCycleException;
import dev.dbtlens.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.GraphPath;

/**
 * One manifest's dependency graph, immutable once built. Traversals run over int-indexed adjacency
 * arrays (built once); jgrapht checks for cycles and finds shortest paths.
 */
public final class LineageGraph {
  final String environment;
  final String manifestInvocationId;
  final String snapshotId;
  final GraphNode[] nodes;
  final Map<String, Integer> index;
  final int[][] parents;
  final int[][] children;
  private final Graph<Integer, DefaultEdge> graph;

  LineageGraph(String environment, String manifestInvocationId, String snapshotId,
      List<GraphNode> nodeList, List<String[]> edges) {
    this.environment = environment;
    this.manifestInvocationId = manifestInvocationId;
    this.snapshotId = snapshotId;
    this.index = new HashMap<>(nodeList.size() * 2);
    List<GraphNode> all = new ArrayList<>(nodeList);
    for (GraphNode n : nodeList) {
      index.put(n.uniqueId, index.size());
    }
    for (String[] e : edges) {
      for (String id : e) {
        if (!index.containsKey(id)) {
          // a parent the manifest does not define (e.g. disabled): keep it as a bare node
          index.put(id, all.size());
          all.add(bare(id));
        }
      }
    }
    this.nodes = all.toArray(GraphNode[]::new);
    int[] outDegree = new int[nodes.length];
    int[] inDegree = new int[nodes.length];
    for (String[] e : edges) {
      outDegree[index.get(e[0])]++;
      inDegree[index.get(e[1])]++;
    }
    this.children = new int[nodes.length][];
    this.parents = new int[nodes.length][];
    for (int i = 0; i < nodes.length; i++) {
      children[i] = new int[outDegree[i]];
      parents[i] = new int[inDegree[i]];
    }
    int[] outFill = new int[nodes.length];
    int[] inFill = new int[nodes.length];
    this.graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (int i = 0; i < nodes.length; i++) {
      graph.addVertex(i);
    }
    for (String[] e : edges) {
      int p = index.get(e[0]);
      int c = index.get(e[1]);
      children[p][outFill[p]++] = c;
      parents[c][inFill[c]++] = p;
      graph.addEdge(p, c);
    }
    checkAcyclic();
  }

  private static GraphNode bare(String id) {
    String type = id.contains(".") ? id.substring(0, id.indexOf('.')) : "unknown";
    String name = id.substring(id.lastIndexOf('.') + 1);
    return new GraphNode(id, type, name, null, null, null, null, List.of(), List.of(), null, null,
        null, null, null, null, null, List.of(), null, null);
  }

  private void checkAcyclic() {
    CycleDetector<Integer, DefaultEdge> detector = new CycleDetector<>(graph);
    if (!detector.detectCycles()) {
      return;
    }
    throw new ManifestCycleException(environment, oneCycle(detector.findCycles().iterator().next()));
  }

  /** Walks parent links from a node known to be on a cycle until it comes back. */
  private List<NodeId> oneCycle(int start) {
    List<NodeId> cycle = new ArrayList<>();
    BitSet onCycle = new BitSet();
    CycleDetector<Integer, DefaultEdge> detector = new CycleDetector<>(graph);
    for (int v : detector.findCyclesContainingVertex(start)) {
      onCycle.set(v);
    }
    int current = start;
    do {
      cycle.add(NodeId.of(nodes[current].uniqueId));
      int next = -1;
      for (int c : children[current]) {
        if (onCycle.get(c)) {
          next = c;
          break;
        }
      }
      current = next;
    } while (current >= 0 && current != start && cycle.size() <= nodes.length);
    return cycle;
  }

  int size() {
    return nodes.length;
  }

  /** @return the environment */
  public String environment() {
    return environment;
  }

  /** @return the invocation whose manifest this graph is */
  public String manifestInvocationId() {
    return manifestInvocationId;
  }

  /** @return every node id, sorted */
  public List<NodeId> nodeIds() {
    return java.util.Arrays.stream(nodes).map(n -> NodeId.of(n.uniqueId)).sorted().toList();
  }

  /** @return the node, or null if the graph has no such node */
  public dev.dbtlens.LineageNode node(String uniqueId) {
    Integer i = index.get(uniqueId);
    return i == null ? null : nodes[i].toPublic();
  }

  /** @return true if the graph has the node */
  public boolean contains(String uniqueId) {
    return index.containsKey(uniqueId);
  }

  /**
   * @param uniqueId a node of the graph
   * @param up ancestors if true, else descendants
   * @param depth generations, negative for all
   * @return the reached nodes, sorted, without the node itself
   */
  public List<NodeId> reach(String uniqueId, boolean up, int depth) {
    BitSet seed = new BitSet(nodes.length);
    seed.set(index.get(uniqueId));
    return ids(walk(seed, up, depth));
  }

  /** @return the sorted ids of a set of node indexes */
  public List<NodeId> ids(BitSet bits) {
    return bits.stream().mapToObj(i -> NodeId.of(nodes[i].uniqueId)).sorted().toList();
  }

  /** @return the dependency path between two nodes of the graph, empty if none */
  public List<NodeId> shortestPath(String from, String to) {
    return shortestPath(index.get(from).intValue(), index.get(to).intValue());
  }

  /** @return the edges whose two ends are both in the set, sorted */
  public List<dev.dbtlens.LineageEdge> edgesAmong(java.util.Collection<NodeId> among) {
    BitSet in = new BitSet(nodes.length);
    for (NodeId id : among) {
      Integer i = index.get(id.value());
      if (i != null) {
        in.set(i);
      }
    }
    List<dev.dbtlens.LineageEdge> out = new ArrayList<>();
    for (int p = in.nextSetBit(0); p >= 0; p = in.nextSetBit(p + 1)) {
      for (int c : children[p]) {
        if (in.get(c)) {
          out.add(new dev.dbtlens.LineageEdge(NodeId.of(nodes[p].uniqueId), NodeId.of(nodes[c].uniqueId)));
        }
      }
    }
    out.sort(java.util.Comparator.comparing((dev.dbtlens.LineageEdge e) -> e.parent().value())
        .thenComparing(e -> e.child().value()));
    return out;
  }

  Integer indexOf(String uniqueId) {
    return index.get(uniqueId);
  }

  /**
   * Breadth-first from the seeds along parent ({@code up}) or child links, to at most {@code depth}
   * generations (negative: unlimited). The seeds themselves are not added unless reached again.
   */
  BitSet walk(BitSet seeds, boolean up, int depth) {
    int[][] links = up ? parents : children;
    BitSet seen = new BitSet(nodes.length);
    ArrayDeque<int[]> queue = new ArrayDeque<>();
    for (int s = seeds.nextSetBit(0); s >= 0; s = seeds.nextSetBit(s + 1)) {
      queue.add(new int[] {s, 0});
    }
    BitSet visited = (BitSet) seeds.clone();
    while (!queue.isEmpty()) {
      int[] item = queue.poll();
      if (depth >= 0 && item[1] >= depth) {
        continue;
      }
      for (int next : links[item[0]]) {
        seen.set(next);
        if (!visited.get(next)) {
          visited.set(next);
          queue.add(new int[] {next, item[1] + 1});
        }
      }
    }
    return seen;
  }

  /** @return the shortest dependency path from one node to another, or empty */
  List<NodeId> shortestPath(int from, int to) {
    GraphPath<Integer, DefaultEdge> path = BFSShortestPath.findPathBetween(graph, from, to);
    if (path == null) {
      return List.of();
    }
    return path.getVertexList().stream().map(i -> NodeId.of(nodes[i].uniqueId)).toList();
  }
}
