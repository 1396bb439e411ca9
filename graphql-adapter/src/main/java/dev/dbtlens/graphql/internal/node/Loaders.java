package dev.dbtlens.graphql.internal.node;

import dev.dbtlens.graphql.internal.execution.NodeKey;
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
        .register(MODEL_VERSIONS, loader(request, NodeLookups::modelVersions))
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
  public static <V> DataLoader<NodeKey, V> get(DataFetchingEnvironment env, String name) {
    return env.getDataLoader(name);
  }

  /** @return a list loader's value, never null */
  public static CompletableFuture<List<NodeRow>> list(DataFetchingEnvironment env, String name, NodeKey key) {
    DataLoader<NodeKey, List<NodeRow>> loader = get(env, name);
    return loader.load(key).thenApply(v -> v == null ? List.of() : v);
  }
}
