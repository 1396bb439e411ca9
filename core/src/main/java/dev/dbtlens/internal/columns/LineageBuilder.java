package dev.dbtlens.internal.columns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiConsumer;

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
   * @param compiledSql its compiled code, or null when it has none to analyze
   * @param documentedColumns the columns its YAML documents, in order
   * @param catalogColumns the columns the catalog lists, or null without a catalog entry
   */
  public record NodeInput(String uniqueId, String relationName, List<String> dependsOn, String compiledSql,
      List<String> documentedColumns, List<String> catalogColumns) {}

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
  public static void build(List<NodeInput> nodes, int threads, java.util.function.Function<NodeInput, ModelLineage> cached,
      BiConsumer<NodeInput, ModelLineage> sink) {
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
        List<ModelLineage> before = gen.stream().map(cached).toList();
        java.util.function.IntFunction<ModelLineage> one = i -> before.get(i) != null ? before.get(i)
            : new Analyzer(relations, gen.get(i).dependsOn()).analyze(gen.get(i).compiledSql());
        List<ModelLineage> results;
        long fresh = before.stream().filter(java.util.Objects::isNull).count();
        if (pool == null || fresh < 4) {
          results = java.util.stream.IntStream.range(0, gen.size()).mapToObj(one).toList();
        } else {
          results = pool.submit(() -> java.util.stream.IntStream.range(0, gen.size()).parallel()
              .mapToObj(one).toList()).get();
        }
        for (int i = 0; i < gen.size(); i++) {
          NodeInput n = gen.get(i);
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

  /** Nodes with compiled SQL, grouped so that every node comes after the nodes it depends on. */
  private static List<List<NodeInput>> generations(List<NodeInput> nodes, Map<String, NodeInput> byId) {
    Map<String, Integer> depth = new HashMap<>();
    List<List<NodeInput>> gens = new ArrayList<>();
    for (NodeInput n : nodes) {
      if (n.compiledSql() == null || n.compiledSql().isBlank()) {
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
        if (parent != null && parent.compiledSql() != null && !parent.compiledSql().isBlank()) {
          d = Math.max(d, depth(parent, byId, memo, guard + 1) + 1);
        }
      }
    }
    memo.put(n.uniqueId(), d);
    return d;
  }
}
