package dev.dbtlens.internal.columns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Computes the column lineage of a whole manifest: parents before children (a parsed model's
 * output columns expand {@code select *} in its children when no catalog lists them), each
 * generation of the DAG in parallel. Results are handed to a consumer as soon as a generation is
 * done, so memory holds one generation's results, not the manifest's.
 */
public final class LineageBuilder {

  /**
   * A node of the manifest.
   *
   * @param relationName where it lives in the warehouse (null for ephemeral models, tests, ...)
   * @param compiledSql its compiled code, or null when it has none to analyze or when {@code codeId}
   *     names code that the builder loads when it analyzes the node
   * @param documentedColumns the columns its YAML documents, in order
   * @param catalogColumns the columns the catalog lists, or null without a catalog entry
   * @param codeId the content hash of its compiled code when that is loaded on demand (see {@link
   *     #build(List, int, Function, Function, BiConsumer)}), else null
   */
  public record NodeInput(String uniqueId, String relationName, List<String> dependsOn, String compiledSql,
      List<String> documentedColumns, List<String> catalogColumns, String codeId) {
    /** A node whose compiled code (or null) is at hand. */
    public NodeInput(String uniqueId, String relationName, List<String> dependsOn, String compiledSql,
        List<String> documentedColumns, List<String> catalogColumns) {
      this(uniqueId, relationName, dependsOn, compiledSql, documentedColumns, catalogColumns, null);
    }

    /** @return whether it has compiled code to analyze, at hand or to load */
    public boolean hasCode() {
      return codeId != null || (compiledSql != null && !compiledSql.isBlank());
    }
  }

  /** Nodes analyzed together: their code is loaded at once, and only theirs is held. */
  static final int SLICE = 500;

  private LineageBuilder() {}

  /**
   * @param nodes every node of one manifest (sources, seeds, models, snapshots, ...)
   * @param threads how many models to analyze at once
   * @param sink receives each analyzed node's lineage (called from the calling thread)
   */
  public static void build(List<NodeInput> nodes, int threads, BiConsumer<NodeInput, ModelLineage> sink) {
    build(nodes, threads, n -> null, sink);
  }

  /**
   * @param cached a node's lineage computed before (its column names are enough), or null to
   *     analyze it; cached nodes are not handed to the sink
   */
  public static void build(List<NodeInput> nodes, int threads, Function<NodeInput, ModelLineage> cached,
      BiConsumer<NodeInput, ModelLineage> sink) {
    build(nodes, threads, cached, ids -> Map.of(), sink);
  }

  /**
   * Analyzes generation by generation, each in slices of {@value #SLICE} nodes: memory holds one
   * slice's code and results, whatever the size of the manifest.
   *
   * @param code the compiled code of the given {@code codeId}s, by id (called once per slice for
   *     the nodes to analyze whose code is not at hand)
   */
  public static void build(List<NodeInput> nodes, int threads, Function<NodeInput, ModelLineage> cached,
      Function<List<String>, Map<String, String>> code, BiConsumer<NodeInput, ModelLineage> sink) {
    Relations relations = new Relations();
    Map<String, NodeInput> byId = new HashMap<>();
    for (NodeInput n : nodes) {
      byId.put(n.uniqueId(), n);
      relations.addRelation(n.uniqueId(), n.relationName());
      if (n.catalogColumns() != null && !n.catalogColumns().isEmpty()) {
        relations.setColumns(n.uniqueId(), n.catalogColumns(), true);
      } else if (n.documentedColumns() != null && !n.documentedColumns().isEmpty()) {
        relations.setColumns(n.uniqueId(), n.documentedColumns(), false);
      }
    }
    List<List<NodeInput>> generations = generations(nodes, byId);
    ForkJoinPool pool = threads > 1 ? new ForkJoinPool(threads) : null;
    try {
      for (List<NodeInput> gen : generations) {
        for (int from = 0; from < gen.size(); from += SLICE) {
          slice(gen.subList(from, Math.min(gen.size(), from + SLICE)), relations, pool, cached, code, sink);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing column lineage", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("column lineage failed", e.getCause());
    } finally {
      if (pool != null) {
        pool.shutdown();
      }
    }
  }

  /** Analyzes part of one generation (none of its nodes depends on another). */
  private static void slice(List<NodeInput> slice, Relations relations, ForkJoinPool pool,
      Function<NodeInput, ModelLineage> cached, Function<List<String>, Map<String, String>> code,
      BiConsumer<NodeInput, ModelLineage> sink) throws InterruptedException, ExecutionException {
    List<ModelLineage> before = slice.stream().map(cached).toList();
    List<String> toLoad = new ArrayList<>();
    for (int i = 0; i < slice.size(); i++) {
      if (before.get(i) == null && slice.get(i).compiledSql() == null) {
        toLoad.add(slice.get(i).codeId());
      }
    }
    Map<String, String> loaded = toLoad.isEmpty() ? Map.of() : code.apply(toLoad);
    List<NodeInput> withCode = new ArrayList<>(slice.size());
    for (NodeInput n : slice) {
      withCode.add(n.compiledSql() != null || !loaded.containsKey(n.codeId()) ? n
          : new NodeInput(n.uniqueId(), n.relationName(), n.dependsOn(), loaded.get(n.codeId()),
              n.documentedColumns(), n.catalogColumns(), n.codeId()));
    }
    IntFunction<ModelLineage> one = i -> before.get(i) != null ? before.get(i)
        : new Analyzer(relations, withCode.get(i).dependsOn()).analyze(withCode.get(i).compiledSql());
    List<ModelLineage> results;
    long fresh = before.stream().filter(Objects::isNull).count();
    if (pool == null || fresh < 4) {
      results = IntStream.range(0, withCode.size()).mapToObj(one).toList();
    } else {
      results = pool.submit(() -> IntStream.range(0, withCode.size()).parallel().mapToObj(one).toList()).get();
    }
    for (int i = 0; i < withCode.size(); i++) {
      NodeInput n = withCode.get(i);
      ModelLineage l = results.get(i);
      boolean hasCatalog = n.catalogColumns() != null && !n.catalogColumns().isEmpty();
      if (!hasCatalog && l.errorCategory() == null && !l.columns().isEmpty()) {
        boolean complete = !l.issues().containsKey("unexpanded_star");
        relations.setColumns(n.uniqueId(), l.columns().stream().map(ModelLineage.OutColumn::name).toList(),
            complete);
      }
      if (before.get(i) == null) {
        sink.accept(n, l);
      }
    }
  }

  /** Nodes with compiled SQL, grouped so that every node comes after the nodes it depends on. */
  private static List<List<NodeInput>> generations(List<NodeInput> nodes, Map<String, NodeInput> byId) {
    Map<String, Integer> depth = new HashMap<>();
    List<List<NodeInput>> gens = new ArrayList<>();
    for (NodeInput n : nodes) {
      if (!n.hasCode()) {
        continue;
      }
      int d = depth(n, byId, depth, 0);
      while (gens.size() <= d) {
        gens.add(new ArrayList<>());
      }
      gens.get(d).add(n);
    }
    return gens;
  }

  private static int depth(NodeInput n, Map<String, NodeInput> byId, Map<String, Integer> memo, int guard) {
    Integer known = memo.get(n.uniqueId());
    if (known != null) {
      return known;
    }
    if (guard > 10_000) {
      return 0;
    }
    memo.put(n.uniqueId(), 0); // breaks cycles
    int d = 0;
    if (n.dependsOn() != null) {
      for (String p : n.dependsOn()) {
        NodeInput parent = byId.get(p);
        if (parent != null && parent.hasCode()) {
          d = Math.max(d, depth(parent, byId, memo, guard + 1) + 1);
        }
      }
    }
    memo.put(n.uniqueId(), d);
    return d;
  }
}
