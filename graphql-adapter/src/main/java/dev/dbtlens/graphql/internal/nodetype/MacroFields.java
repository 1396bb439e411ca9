package dev.dbtlens.graphql.internal.nodetype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.graphql.internal.environment.AccountIds;
import dev.dbtlens.graphql.internal.environment.EnvironmentRef;
import dev.dbtlens.graphql.internal.environment.Environments;
import dev.dbtlens.graphql.internal.environment.Ids;
import dev.dbtlens.graphql.internal.execution.NodeKey;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.node.Loaders;
import dev.dbtlens.graphql.internal.node.MacroRow;
import dev.dbtlens.graphql.internal.scalars.Json;
import dev.dbtlens.graphql.internal.scalars.JsonText;
import dev.dbtlens.graphql.internal.scalars.Wire;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/**
 * Macros: {@code MacroDefinitionNode} and {@code MacroDefinitionNestedNode}; the job-level {@code
 * MacroNode}'s fields are {@code job.JobMacroFields}.
 */
public final class MacroFields {
  private MacroFields() {}

  /** A macro argument: the GraphQL {@code MacroArguments}. */
  record Argument(String name, String type, String description) {}

  public static void wire(RuntimeWiring.Builder wiring, TypeDefinitionRegistry types) {
    Map<String, DataFetcher<?>> f = new LinkedHashMap<>();
    f.put("accountId", env -> AccountIds.accountId(Request.of(env)));
    f.put("projectId", env -> AccountIds.projectIdOrZero(Request.of(env), environment(env).name()));
    f.put("environmentId", env -> environment(env).id());
    f.put("dbtVersion", env -> environment(env).dbtVersion());
    f.put("runGeneratedAt", env -> environment(env).manifestGeneratedAt());
    f.put("runId", env -> Ids.runs(Request.of(env)).runId(macro(env).environmentId(), environment(env).manifestRunId()));
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
    return Environments.named(Request.of(env), macro(env).environmentId());
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
}
