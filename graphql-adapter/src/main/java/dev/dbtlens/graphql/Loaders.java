package dev.dbtlens.graphql;

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
final class Loaders {
  static final String NODE = "node";
  static final String EXECUTION = "executionInfo";
  static final String CATALOG = "catalog";
  static final String FRESHNESS = "freshness";
  static final String PARENTS = "parents";
  static final String CHILDREN = "children";
  static final String TESTS = "tests";
  static final String ANCESTORS = "ancestors";
  static final String DESCENDANTS = "descendants";
  static final String MACRO = "macro";
  static final String GROUP_MODELS = "groupModels";
  static final String TEST_STATUSES = "testStatuses";

  private Loaders() {}

  /** Reads the values of one environment's keys. */
  @FunctionalInterface
  private interface PerEnvironment<V> {
    Map<String, V> load(Request request, String environment, Set<String> uniqueIds);
  }

  static DataLoaderRegistry registry(Request request) {
    return DataLoaderRegistry.newRegistry()
        .register(NODE, loader(request, NodeLookups::byIds))
        .register(EXECUTION, loader(request, Executions::executionInfo))
        .register(CATALOG, loader(request, Executions::catalog))
        .register(FRESHNESS, loader(request, Executions::latestFreshness))
        .register(PARENTS, loader(request, (r, env, ids) -> NodeLookups.neighbours(r, env, ids, true, null)))
        .register(CHILDREN, loader(request, (r, env, ids) -> NodeLookups.neighbours(r, env, ids, false, null)))
        .register(TESTS, loader(request,
            (r, env, ids) -> NodeLookups.neighbours(r, env, ids, false, ResourceTypes.TESTS)))
        .register(ANCESTORS, loader(request, (r, env, ids) -> NodeLookups.reach(r, env, ids, true)))
        .register(DESCENDANTS, loader(request, (r, env, ids) -> NodeLookups.reach(r, env, ids, false)))
        .register(MACRO, loader(request, NodePages::macrosByIds))
        .register(GROUP_MODELS, loader(request, NodeLookups::groupModels))
        .register(TEST_STATUSES, loader(request, Executions::testStatuses))
        .build();
  }

  private static <V> DataLoader<NodeKey, V> loader(Request request, PerEnvironment<V> reader) {
    MappedBatchLoader<NodeKey, V> batch = keys -> load(request, reader, keys);
    return DataLoaderFactory.newMappedDataLoader(batch);
  }

  private static <V> CompletionStage<Map<NodeKey, V>> load(Request request, PerEnvironment<V> reader,
      Set<NodeKey> keys) {
    Map<String, Set<String>> byEnvironment = new HashMap<>();
    keys.forEach(k -> byEnvironment.computeIfAbsent(k.environment(), e -> new LinkedHashSet<>())
        .add(k.uniqueId()));
    Map<NodeKey, V> out = new HashMap<>();
    try {
      byEnvironment.forEach((env, ids) ->
          reader.load(request, env, ids).forEach((id, v) -> out.put(new NodeKey(env, id), v)));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.completedFuture(out);
  }

  /** @return the execution's loader of that name */
  static <V> DataLoader<NodeKey, V> get(DataFetchingEnvironment env, String name) {
    return env.getDataLoader(name);
  }

  /** @return a list loader's value, never null */
  static CompletableFuture<List<NodeRow>> list(DataFetchingEnvironment env, String name, NodeKey key) {
    DataLoader<NodeKey, List<NodeRow>> loader = get(env, name);
    return loader.load(key).thenApply(v -> v == null ? List.of() : v);
  }
}
