package dev.dbtlens.graphql.internal.columns;

import dev.dbtlens.ColumnDirection;
import dev.dbtlens.ColumnEdge;
import dev.dbtlens.ColumnLineage;
import dev.dbtlens.ColumnLineageNode;
import dev.dbtlens.ColumnRef;
import dev.dbtlens.NotFoundException;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.node.CatalogNode;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.MappedBatchLoader;

/**
 * The column lineage fields of {@code CatalogColumn} (columns.graphqls). A DataLoader of this
 * execution collects every catalog column asked about at one level (a page of nodes) and answers
 * them with one walk of the environment's column lineage per environment
 * ({@link dev.dbtlens.DbtLens#columnLineage(String, java.util.Collection, ColumnDirection, int)},
 * depth 1, both directions): no statement per column.
 */
final class CatalogColumnLineage {
  static final String LOADER = "catalogColumnLineage";

  private CatalogColumnLineage() {}

  /** A catalog column asked about. */
  record Key(String environment, String nodeUniqueId, String column) {}

  /** What the fields read: the column's lineage node and its direct parents and children. */
  record Info(String uniqueId, ColumnLineageNode node, List<String> parents, List<String> children) {}

  static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("CatalogColumn", t -> t
        .dataFetcher("descriptionOriginColumnName", field(i -> i.node().descriptionOriginColumnName()))
        .dataFetcher("descriptionOriginResourceUniqueId", field(i -> i.node().descriptionOriginResourceUniqueId()))
        .dataFetcher("inheritedDescription", field(i -> i.node().description()))
        .dataFetcher("columnUniqueId", field(Info::uniqueId))
        .dataFetcher("transformationType", field(i -> i.node().transformationType()))
        .dataFetcher("expression", field(i -> i.node().expression()))
        .dataFetcher("parentColumns", field(Info::parents))
        .dataFetcher("childColumns", field(Info::children))
        .dataFetcher("isPrimaryKey", field(i -> i.node().isPrimaryKey()))
        .dataFetcher("lineageIsError", field(i -> i.node().isError()))
        .dataFetcher("lineageErrorCategory", field(i -> i.node().errorCategory())));
  }

  private static DataFetcher<CompletableFuture<Object>> field(Function<Info, Object> read) {
    return env -> {
      CatalogNode.Column c = env.getSource();
      if (c.environment() == null || c.nodeUniqueId() == null || c.name() == null) {
        return CompletableFuture.completedFuture(null);
      }
      return loader(env).load(new Key(c.environment(), c.nodeUniqueId(), c.name()))
          .thenApply(i -> i == null ? null : read.apply(i));
    };
  }

  private static DataLoader<Key, Info> loader(DataFetchingEnvironment env) {
    Request request = Request.of(env);
    env.getDataLoaderRegistry().computeIfAbsent(LOADER, name -> {
      MappedBatchLoader<Key, Info> batch = keys -> load(request, keys);
      return DataLoaderFactory.newMappedDataLoader(batch);
    });
    return env.getDataLoader(LOADER);
  }

  private static CompletionStage<Map<Key, Info>> load(Request request, Set<Key> keys) {
    Map<String, List<Key>> byEnvironment = new LinkedHashMap<>();
    keys.forEach(k -> byEnvironment.computeIfAbsent(k.environment(), e -> new ArrayList<>()).add(k));
    Map<Key, Info> out = new HashMap<>();
    try {
      byEnvironment.forEach((environment, list) -> read(request, environment, list, out));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.completedFuture(out);
  }

  private static void read(Request request, String environment, List<Key> keys, Map<Key, Info> out) {
    List<ColumnRef> roots = keys.stream().map(k -> new ColumnRef(k.nodeUniqueId(), k.column())).toList();
    ColumnLineage l;
    try {
      l = request.lens().columnLineage(environment, roots, ColumnDirection.BOTH, 1);
    } catch (NotFoundException e) {
      return;
    }
    Map<ColumnRef, List<String>> parents = new HashMap<>();
    Map<ColumnRef, List<String>> children = new HashMap<>();
    for (ColumnEdge e : l.edges()) {
      parents.computeIfAbsent(e.child(), k -> new ArrayList<>()).add(e.parent().toString());
      children.computeIfAbsent(e.parent(), k -> new ArrayList<>()).add(e.child().toString());
    }
    Map<ColumnRef, ColumnLineageNode> nodes = new HashMap<>();
    l.columns().forEach(n -> nodes.putIfAbsent(n.column(), n));
    for (Key k : keys) {
      ColumnRef ref = new ColumnRef(k.nodeUniqueId(), k.column());
      ColumnLineageNode n = nodes.get(ref);
      if (n != null) {
        out.put(k, new Info(ref.toString(), n, parents.getOrDefault(ref, List.of()),
            children.getOrDefault(ref, List.of())));
      }
    }
  }
}
