package dev.dbtlens.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.dataloader.DataLoader;

/** Macros: {@code MacroDefinitionNode}, {@code MacroDefinitionNestedNode} and the job-level {@code MacroNode}. */
final class MacroFields {
  private MacroFields() {}

  /** A macro argument: the GraphQL {@code MacroArguments}. */
  record Argument(String name, String type, String description) {}

  static void wire(RuntimeWiring.Builder wiring, TypeDefinitionRegistry types) {
    Map<String, DataFetcher<?>> f = new LinkedHashMap<>();
    f.put("accountId", env -> 0L);
    f.put("projectId", env -> 0L);
    f.put("environmentId", env -> environment(env).id());
    f.put("dbtVersion", env -> environment(env).dbtVersion());
    f.put("runGeneratedAt", env -> environment(env).manifestGeneratedAt());
    f.put("runId", env -> Request.of(env).runs().runId(macro(env).environmentId(), environment(env).manifestRunId()));
    f.put("jobId", env -> null);
    f.put("tags", env -> List.of());
    f.put("fqn", env -> null);
    f.put("patchPath", env -> null);
    f.put("macroSql", env -> macro(env).macroSql() == null ? "" : macro(env).macroSql());
    f.put("children", env -> List.of());
    f.put("arguments", env -> arguments(macro(env)));
    f.put("parents", MacroFields::parents);
    Wire.fields(wiring, types, List.of("MacroDefinitionNode", "MacroDefinitionNestedNode"), f);
  }

  private static MacroRow macro(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static EnvironmentRef environment(DataFetchingEnvironment env) {
    return Request.of(env).environment(macro(env).environmentId());
  }

  static List<Argument> arguments(MacroRow m) {
    JsonNode args = m.arguments() == null ? null : Json.tree(m.arguments().text());
    List<Argument> out = new ArrayList<>();
    if (args != null && args.isArray()) {
      args.forEach(a -> out.add(new Argument(a.path("name").textValue(), a.path("type").textValue(),
          a.path("description").textValue())));
    }
    return out;
  }

  private static CompletableFuture<List<MacroRow>> parents(DataFetchingEnvironment env) {
    MacroRow m = macro(env);
    DataLoader<NodeKey, MacroRow> loader = Loaders.get(env, Loaders.MACRO);
    List<NodeKey> keys = m.dependsOnMacros().stream().map(id -> new NodeKey(m.environmentId(), id)).toList();
    return loader.loadMany(keys).thenApply(rows -> rows.stream().filter(r -> r != null).toList());
  }

  /** The fields of the job-level {@code MacroNode}, over {@link JobItem#macro()}. */
  static void jobLevel(Map<String, DataFetcher<?>> f) {
    macro(f, "name", MacroRow::name);
    macro(f, "description", MacroRow::description);
    macro(f, "meta", MacroRow::meta);
    macro(f, "packageName", MacroRow::packageName);
    macro(f, "macroSql", MacroRow::macroSql);
    macro(f, "dependsOn", MacroRow::dependsOnMacros);
    macro(f, "originalFilePath", MacroRow::filePath);
    macro(f, "path", MacroRow::filePath);
    macro(f, "rootPath", m -> null);
  }

  private static void macro(Map<String, DataFetcher<?>> f, String field, Function<MacroRow, Object> read) {
    DataFetcher<?> other = f.get(field);
    f.put(field, env -> {
      MacroRow m = JobFields.item(env).macro();
      return m != null ? read.apply(m) : other == null ? null : other.get(env);
    });
  }
}
