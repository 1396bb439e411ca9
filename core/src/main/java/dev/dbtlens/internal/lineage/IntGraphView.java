package dev.dbtlens.internal.lineage;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import org.jgrapht.GraphType;
import org.jgrapht.graph.AbstractGraph;
import org.jgrapht.graph.DefaultGraphType;

/**
 * A read-only jgrapht view of a {@link LineageGraph}'s adjacency arrays, so jgrapht's algorithms
 * run on the graph without copying it into jgrapht's own structures. Vertices are node indexes;
 * an edge is {@code parent << 32 | child}. Every mutator throws.
 */
final class IntGraphView extends AbstractGraph<Integer, Long> {
  private static final GraphType TYPE = new DefaultGraphType.Builder().directed()
      .allowMultipleEdges(false).allowSelfLoops(true).weighted(false).modifiable(false).build();

  private final int[][] parents;
  private final int[][] children;

  IntGraphView(int[][] parents, int[][] children) {
    this.parents = parents;
    this.children = children;
  }

  static long edge(int parent, int child) {
    return ((long) parent << 32) | (child & 0xffffffffL);
  }

  @Override
  public Integer getEdgeSource(Long e) {
    return (int) (e >>> 32);
  }

  @Override
  public Integer getEdgeTarget(Long e) {
    return (int) e.longValue();
  }

  @Override
  public Set<Long> outgoingEdgesOf(Integer v) {
    return new Edges(v, children[v], true);
  }

  @Override
  public Set<Long> incomingEdgesOf(Integer v) {
    return new Edges(v, parents[v], false);
  }

  @Override
  public int outDegreeOf(Integer v) {
    return children[v].length;
  }

  @Override
  public int inDegreeOf(Integer v) {
    return parents[v].length;
  }

  @Override
  public int degreeOf(Integer v) {
    return inDegreeOf(v) + outDegreeOf(v);
  }

  @Override
  public Set<Long> edgesOf(Integer v) {
    Set<Long> all = new java.util.HashSet<>(incomingEdgesOf(v));
    all.addAll(outgoingEdgesOf(v));
    return all;
  }

  @Override
  public Set<Integer> vertexSet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Integer> iterator() {
        return java.util.stream.IntStream.range(0, children.length).iterator();
      }

      @Override
      public int size() {
        return children.length;
      }

      @Override
      public boolean contains(Object o) {
        return o instanceof Integer i && i >= 0 && i < children.length;
      }
    };
  }

  @Override
  public boolean containsVertex(Integer v) {
    return v != null && v >= 0 && v < children.length;
  }

  @Override
  public boolean containsEdge(Long e) {
    int p = getEdgeSource(e);
    int c = getEdgeTarget(e);
    if (!containsVertex(p) || !containsVertex(c)) {
      return false;
    }
    for (int x : children[p]) {
      if (x == c) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Long getEdge(Integer source, Integer target) {
    long e = edge(source, target);
    return containsEdge(e) ? e : null;
  }

  @Override
  public Set<Long> getAllEdges(Integer source, Integer target) {
    Long e = containsVertex(source) && containsVertex(target) ? getEdge(source, target) : null;
    return e == null ? Set.of() : Set.of(e);
  }

  @Override
  public Set<Long> edgeSet() {
    Set<Long> all = new java.util.HashSet<>();
    for (int p = 0; p < children.length; p++) {
      for (int c : children[p]) {
        all.add(edge(p, c));
      }
    }
    return all;
  }

  @Override
  public GraphType getType() {
    return TYPE;
  }

  @Override
  public double getEdgeWeight(Long e) {
    return 1.0;
  }

  @Override
  public Supplier<Integer> getVertexSupplier() {
    return null;
  }

  @Override
  public Supplier<Long> getEdgeSupplier() {
    return null;
  }

  @Override
  public Long addEdge(Integer s, Integer t) {
    throw readOnly();
  }

  @Override
  public boolean addEdge(Integer s, Integer t, Long e) {
    throw readOnly();
  }

  @Override
  public Integer addVertex() {
    throw readOnly();
  }

  @Override
  public boolean addVertex(Integer v) {
    throw readOnly();
  }

  @Override
  public Long removeEdge(Integer s, Integer t) {
    throw readOnly();
  }

  @Override
  public boolean removeEdge(Long e) {
    throw readOnly();
  }

  @Override
  public boolean removeVertex(Integer v) {
    throw readOnly();
  }

  @Override
  public void setEdgeWeight(Long e, double weight) {
    throw readOnly();
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("the lineage graph is read-only");
  }

  /** The edges at one vertex, over its adjacency array. */
  private static final class Edges extends AbstractSet<Long> {
    private final int vertex;
    private final int[] others;
    private final boolean outgoing;

    Edges(int vertex, int[] others, boolean outgoing) {
      this.vertex = vertex;
      this.others = others;
      this.outgoing = outgoing;
    }

    @Override
    public Iterator<Long> iterator() {
      return new Iterator<>() {
        int k;

        @Override
        public boolean hasNext() {
          return k < others.length;
        }

        @Override
        public Long next() {
          if (k >= others.length) {
            throw new NoSuchElementException();
          }
          int other = others[k++];
          return outgoing ? edge(vertex, other) : edge(other, vertex);
        }
      };
    }

    @Override
    public int size() {
      return others.length;
    }
  }
}
