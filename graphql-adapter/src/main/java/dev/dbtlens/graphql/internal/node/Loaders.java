package dev.dbtlens.graphql.internal.node;

import dev.dbtlens.graphql.internal.execution.NodeKey;
import dev.dbtlens.graphql.internal.execution.ReadCache;
import dev.dbtlens.graphql.internal.execution.Request;
import graphql.schema.DataFetchingEnvironment;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.MappedBatchLoader;

/**
 * The DataLoaders of one execution: every relation of a node is read for all the nodes of a level
 * in one query per environment, whatever the page size. A new registry is made for every
 * execution (loaders cache and hold state).
 */
public final class Loaders {
  public static final String NODE = "node";
  public static final String EXECUTION = "executionInfo";
  public static final String CATALOG = "catalog";
  public static final String FRESHNESS = "freshness";
  public static final String PARENTS = "parents";
  public static final String CHILDREN = "children";
  public static final String TESTS = "tests";
  public static final String ANCESTORS = "ancestors";
  public static final String DESCENDANTS = "descendants";
  public static final String MACRO = "macro";
  public static final String GROUP_MODELS = "groupModels";
  public static final String TEST_STATUSES = "testStatuses";
  public static final String MODEL_VERSIONS = "modelVersions";

  private Loaders() {}

  /** Reads the values of one environment's keys. */
  @FunctionalInterface
  private interface PerEnvironment<V> {
    Map<String, V> load(Request request, String environment, Set<String> uniqueIds);
  }

  public static DataLoaderRegistry registry(Request request) {
    return DataLoaderRegistry.newRegistry()
        .register(NODE, loader(request, NODE, NodeLookups::byIds))
        .register(EXECUTION, loader(request, EXECUTION, Executions::executionInfo))
        .register(CATALOG, loader(request, CATALOG, Executions::catalog))
        .register(FRESHNESS, loader(request, FRESHNESS, Executions::latestFreshness))
        .register(PARENTS, loader(request, PARENTS, (r, env, ids) -> NodeLookups.neighbours(r, env, ids, true, null)))
        .register(CHILDREN, loader(request, CHILDREN, (r, env, ids) -> NodeLookups.neighbours(r, env, ids, false, null)))
        .register(TESTS, loader(request, TESTS,
            (r, env, ids) -> NodeLookups.neighbours(r, env, ids, false, ResourceTypes.TESTS)))
        .register(ANCESTORS, loader(request, ANCESTORS, (r, env, ids) -> NodeLookups.reach(r, env, ids, true)))
        .register(DESCENDANTS, loader(request, DESCENDANTS, (r, env, ids) -> NodeLookups.reach(r, env, ids, false)))
        .register(MACRO, loader(request, MACRO, NodePages::macrosByIds))
        .register(GROUP_MODELS, loader(request, GROUP_MODELS, NodeLookups::groupModels))
        .register(TEST_STATUSES, loader(request, TEST_STATUSES, Executions::testStatuses))
        .register(MODEL_VERSIONS, loader(request, MODEL_VERSIONS, NodeLookups::modelVersions))
        .build();
  }

  private static <V> DataLoader<NodeKey, V> loader(Request request, String name, PerEnvironment<V> reader) {
    MappedBatchLoader<NodeKey, V> batch = keys -> load(request, name, reader, keys);
    return DataLoaderFactory.newMappedDataLoader(batch);
  }

  /**
   * A node's value as an earlier execution read it ({@link dev.dbtlens.graphql.internal.execution.ReadCache}):
   * by loader, the node columns the operation reads, environment and unique id.
   */
  private record Kept(String loader, int nodeColumns, String environment, String uniqueId) {}

  /** Kept for a node the reader found nothing for (no catalog entry, never run, ...). */
  private static final Object NOTHING = new Object();

  /**
   * The values of the keys: those kept by earlier executions, then one read per environment for
   * the others, which are kept in turn (nothing found included).
   */
  private static <V> CompletionStage<Map<NodeKey, V>> load(Request request, String name,
      PerEnvironment<V> reader, Set<NodeKey> keys) {
    Map<String, Set<String>> missing = new HashMap<>();
    Map<NodeKey, V> out = new HashMap<>();
    for (NodeKey k : keys) {
      Object kept = request.cache().get(kept(request, name, k.environment(), k.uniqueId()));
      if (kept == null) {
        missing.computeIfAbsent(k.environment(), e -> new LinkedHashSet<>()).add(k.uniqueId());
      } else if (kept != NOTHING) {
        @SuppressWarnings("unchecked")
        V value = (V) kept;
        out.put(k, value);
      }
    }
    try {
      missing.forEach((env, ids) -> {
        Map<String, V> found = reader.load(request, env, ids);
        for (String id : ids) {
          V v = found.get(id);
          if (v != null) {
            out.put(new NodeKey(env, id), v);
          }
          request.cache().put(kept(request, name, env, id), v == null ? NOTHING : v, weight(v),
              request.readAt());
        }
      });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.completedFuture(out);
  }

  /** @return about how many rows the value holds (nodes, catalog columns): its weight in the cache */
  private static int weight(Object value) {
    return value instanceof CatalogNode n ? n.columns().size() + 1 : ReadCache.weightOf(value);
  }

  private static Kept kept(Request request, String loader, String environment, String uniqueId) {
    return new Kept(loader, request.nodeColumns(), environment, uniqueId);
  }

  /** @return the execution's loader of that name */
  public static <V> DataLoader<NodeKey, V> get(DataFetchingEnvironment env, String name) {
    return env.getDataLoader(name);
  }

  /** @return a list loader's value, never null */
  public static CompletableFuture<List<NodeRow>> list(DataFetchingEnvironment env, String name, NodeKey key) {
    DataLoader<NodeKey, List<NodeRow>> loader = get(env, name);
    return loader.load(key).thenApply(v -> v == null ? List.of() : v);
  }
}
