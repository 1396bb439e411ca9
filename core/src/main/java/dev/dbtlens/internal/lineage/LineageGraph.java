package dev.dbtlens.internal.lineage;

import dev.dbtlens.ManifestCycleException;
import dev.dbtlens.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * One manifest's dependency graph, immutable once built. Nodes are indexed in unique id order, so a
 * set of indexes maps to sorted ids without sorting. Traversals run over int-indexed adjacency
 * arrays built once; the cycle check and shortest paths are jgrapht's algorithms over a read-only
 * view of those arrays ({@link IntGraphView}). Indexes for selection methods ({@link
 * GraphIndex}) are built on first use.
 */
public final class LineageGraph {
  public final String environment;
  public final String manifestInvocationId;
  public final String snapshotId;
  public final GraphNode[] nodes;
  /** The public id of each node, by index. */
  final NodeId[] ids;
  final Map<String, Integer> index;
  public final int[][] parents;
  public final int[][] children;
  /** Whether each node is a test or unit test: what indirect selection adds. */
  public final boolean[] test;
  public final GraphIndex lookup;
  /** jgrapht's view of the arrays, for its algorithms (no copy of the graph). */
  private final IntGraphView view;

  LineageGraph(String environment, String manifestInvocationId, String snapshotId,
      List<GraphNode> nodeList, List<String[]> edges) {
    this.environment = environment;
    this.manifestInvocationId = manifestInvocationId;
    this.snapshotId = snapshotId;
    Map<String, GraphNode> byId = new HashMap<>(nodeList.size() * 2);
    List<GraphNode> all = new ArrayList<>(nodeList);
    for (GraphNode n : nodeList) {
      byId.put(n.uniqueId, n);
    }
    for (String[] e : edges) {
      for (String id : e) {
        if (!byId.containsKey(id)) {
          // a parent the manifest does not define (e.g. disabled): keep it as a bare node
          GraphNode bare = bare(id);
          byId.put(id, bare);
          all.add(bare);
        }
      }
    }
    all.sort(Comparator.comparing((GraphNode n) -> n.uniqueId));
    this.nodes = all.toArray(GraphNode[]::new);
    this.ids = new NodeId[nodes.length];
    this.test = new boolean[nodes.length];
    this.index = new HashMap<>(nodes.length * 2);
    for (int i = 0; i < nodes.length; i++) {
      index.put(nodes[i].uniqueId, i);
      ids[i] = NodeId.of(nodes[i].uniqueId);
      test[i] = "test".equals(nodes[i].resourceType) || "unit_test".equals(nodes[i].resourceType);
    }
    int[] outDegree = new int[nodes.length];
    int[] inDegree = new int[nodes.length];
    int[] from = new int[edges.size()];
    int[] to = new int[edges.size()];
    for (int k = 0; k < from.length; k++) {
      String[] e = edges.get(k);
      from[k] = index.get(e[0]);
      to[k] = index.get(e[1]);
      outDegree[from[k]]++;
      inDegree[to[k]]++;
    }
    this.children = new int[nodes.length][];
    this.parents = new int[nodes.length][];
    for (int i = 0; i < nodes.length; i++) {
      children[i] = outDegree[i] == 0 ? NONE : new int[outDegree[i]];
      parents[i] = inDegree[i] == 0 ? NONE : new int[inDegree[i]];
    }
    int[] outFill = new int[nodes.length];
    int[] inFill = new int[nodes.length];
    for (int k = 0; k < from.length; k++) {
      children[from[k]][outFill[from[k]]++] = to[k];
      parents[to[k]][inFill[to[k]]++] = from[k];
    }
    this.view = new IntGraphView(parents, children);
    this.lookup = new GraphIndex(this);
    checkAcyclic();
  }

  private static final int[] NONE = new int[0];

  /**
   * A node only parent_map names (e.g. disabled): package, name and fqn from its unique id, so it
   * can be selected back like any node of its package ({@code shop.customers}).
   */
  private static GraphNode bare(String id) {
    String[] parts = id.split("\\.", -1);
    if (parts.length < 3) {
      String type = id.contains(".") ? id.substring(0, id.indexOf('.')) : "unknown";
      return new GraphNode(id, type, id.substring(id.lastIndexOf('.') + 1), null, null, null, null, List.of(),
          List.of(), null, null, null, null, null, null, null, null);
    }
    List<String> fqn = List.of(parts).subList(1, parts.length);
    String sourceName = "source".equals(parts[0]) && parts.length == 4 ? parts[2] : null;
    return new GraphNode(id, parts[0], parts[parts.length - 1], parts[1], null, null, null, fqn, List.of(), null,
        null, null, null, null, null, sourceName, null);
  }

  /**
   * jgrapht's topological order over the arrays (Kahn's algorithm); if it stops short, every node
   * it left has a parent it left too: follow those parent links until one repeats, to name a cycle.
   */
  private void checkAcyclic() {
    int n = nodes.length;
    boolean[] ordered = new boolean[n];
    int count = 0;
    try {
      for (var order = new TopologicalOrderIterator<>(view); order.hasNext(); count++) {
        ordered[order.next()] = true;
      }
    } catch (IllegalArgumentException notADag) {
      // jgrapht signals a cycle when the order ends before every vertex is emitted
    }
    if (count == n) {
      return;
    }
    int start = 0;
    while (ordered[start]) {
      start++;
    }
    Map<Integer, Integer> position = new HashMap<>();
    List<Integer> path = new ArrayList<>();
    int current = start;
    while (!position.containsKey(current)) {
      position.put(current, path.size());
      path.add(current);
      int next = -1;
      for (int p : parents[current]) {
        if (!ordered[p]) {
          next = p;
          break;
        }
      }
      current = next;
    }
    List<NodeId> cycle = new ArrayList<>();
    for (int k = path.size() - 1; k >= position.get(current); k--) {
      cycle.add(ids[path.get(k)]); // parent first: each node is a parent of the next
    }
    throw new ManifestCycleException(environment, cycle);
  }

  public int size() {
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
    return List.of(ids);
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
    NodeId[] out = new NodeId[bits.cardinality()];
    int k = 0;
    for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
      out[k++] = ids[i];
    }
    return Arrays.asList(out); // indexes follow unique id order: already sorted
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
          out.add(new dev.dbtlens.LineageEdge(ids[p], ids[c]));
        }
      }
    }
    out.sort(java.util.Comparator.comparing((dev.dbtlens.LineageEdge e) -> e.parent().value())
        .thenComparing(e -> e.child().value()));
    return out;
  }

  public Integer indexOf(String uniqueId) {
    return index.get(uniqueId);
  }

  /**
   * Breadth-first from the seeds along parent ({@code up}) or child links, to at most {@code depth}
   * generations (negative: unlimited). The seeds themselves are not added unless reached again.
   */
  public BitSet walk(BitSet seeds, boolean up, int depth) {
    int[][] links = up ? parents : children;
    BitSet seen = new BitSet();
    BitSet visited = (BitSet) seeds.clone();
    int[] queue = new int[Math.max(16, seeds.cardinality() * 2)];
    int head = 0;
    int tail = 0;
    for (int s = seeds.nextSetBit(0); s >= 0; s = seeds.nextSetBit(s + 1)) {
      queue[tail++] = s;
    }
    for (int level = 0; head < tail && (depth < 0 || level < depth); level++) {
      int end = tail;
      while (head < end) {
        for (int next : links[queue[head++]]) {
          seen.set(next);
          if (!visited.get(next)) {
            visited.set(next);
            if (tail == queue.length) {
              queue = Arrays.copyOf(queue, queue.length * 2);
            }
            queue[tail++] = next;
          }
        }
      }
    }
    return seen;
  }

  /** @return the shortest dependency path from one node to another, or empty (jgrapht's BFS) */
  List<NodeId> shortestPath(int from, int to) {
    GraphPath<Integer, Long> path = new BFSShortestPath<>(view).getPath(from, to);
    return path == null ? List.of() : path.getVertexList().stream().map(i -> ids[i]).toList();
  }
}
