package dev.dbtlens.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/**
 * The node types ({@code ModelAppliedStateNode}, {@code SourceAppliedStateNode}, ...): one fetcher
 * per field name, registered on every node type that has the field. Fields named like a {@link
 * NodeRow} component need none. Relations go through the execution's DataLoaders.
 */
final class NodeWiring {
  private NodeWiring() {}

  static void wire(RuntimeWiring.Builder wiring, TypeDefinitionRegistry types) {
    Map<String, DataFetcher<?>> fetchers = fetchers();
    for (String typeName : ResourceTypes.NODE_TYPES) {
      ObjectTypeDefinition def = types.getTypeOrNull(typeName, ObjectTypeDefinition.class);
      wiring.type(typeName, t -> {
        for (FieldDefinition field : def.getFieldDefinitions()) {
          DataFetcher<?> f = fetchers.get(field.getName());
          if (f != null) {
            t.dataFetcher(field.getName(), f);
          }
        }
        return t;
      });
    }
    wiring.type("EnvironmentAppliedNode", t -> t.typeResolver(env -> {
      NodeRow row = env.getObject();
      return env.getSchema().getObjectType(ResourceTypes.objectType(row.resourceType()));
    }));
  }

  private static Map<String, DataFetcher<?>> fetchers() {
    Map<String, DataFetcher<?>> f = new LinkedHashMap<>();
    f.put("parents", env -> Loaders.list(env, Loaders.PARENTS, row(env).key()));
    f.put("children", env -> Loaders.list(env, Loaders.CHILDREN, row(env).key()));
    f.put("tests", env -> Loaders.list(env, Loaders.TESTS, row(env).key()));
    f.put("ancestors", env -> typed(env, Loaders.ANCESTORS));
    f.put("descendants", env -> typed(env, Loaders.DESCENDANTS));
    f.put("executionInfo", NodeWiring::executionInfo);
    f.put("catalog", env -> Loaders.get(env, Loaders.CATALOG).load(row(env).key()));
    f.put("freshness", NodeWiring::freshness);
    f.put("testMetadata", env -> TestMetadata.of(row(env)));
    f.put("exposureType", env -> row(env).nodeType());
    f.put("type", env -> row(env).nodeType());
    f.put("ownerName", env -> row(env).owner());
    f.put("typeParams", definition("type_params"));
    f.put("filter", definition("filter"));
    f.put("entities", definition("entities"));
    f.put("measures", definition("measures"));
    f.put("dimensions", definition("dimensions"));
    f.put("queryParams", definition("query_params"));
    f.put("exports", definition("exports"));
    return f;
  }

  private static NodeRow row(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static CompletableFuture<List<NodeRow>> typed(DataFetchingEnvironment env, String loader) {
    List<String> types = ResourceTypes.dbt(Args.of(env.getArguments()).strings("types"));
    return Loaders.list(env, loader, row(env).key()).thenApply(rows -> types == null ? rows
        : rows.stream().filter(r -> types.contains(r.resourceType())).toList());
  }

  private static CompletableFuture<ExecutionInfo> executionInfo(DataFetchingEnvironment env) {
    DataLoader<NodeKey, ExecutionInfo> loader = Loaders.get(env, Loaders.EXECUTION);
    return loader.load(row(env).key()).thenApply(e -> e == null ? ExecutionInfo.NEVER_RUN : e);
  }

  private static CompletableFuture<SourceFreshnessNode> freshness(DataFetchingEnvironment env) {
    NodeRow source = row(env);
    DataLoader<NodeKey, FreshnessRun> loader = Loaders.get(env, Loaders.FRESHNESS);
    return loader.load(source.key()).thenApply(latest -> SourceFreshnessNode.of(source, latest));
  }

  private static DataFetcher<Object> definition(String field) {
    return env -> {
      var tree = Json.tree(text(row(env).definitionJson()));
      return tree == null ? null : Json.plain(tree.get(field));
    };
  }

  private static String text(JsonText json) {
    return json == null ? null : json.text();
  }
}
