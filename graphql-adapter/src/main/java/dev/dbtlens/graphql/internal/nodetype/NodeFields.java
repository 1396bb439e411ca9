package dev.dbtlens.graphql.internal.nodetype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.graphql.internal.environment.AccountIds;
import dev.dbtlens.graphql.internal.environment.EnvironmentRef;
import dev.dbtlens.graphql.internal.environment.Environments;
import dev.dbtlens.graphql.internal.environment.Ids;
import dev.dbtlens.graphql.internal.execution.NodeKey;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.node.ExecutionInfo;
import dev.dbtlens.graphql.internal.node.Loaders;
import dev.dbtlens.graphql.internal.node.NodeRow;
import dev.dbtlens.graphql.internal.node.ResourceTypes;
import dev.dbtlens.graphql.internal.run.FreshnessRun;
import dev.dbtlens.graphql.internal.scalars.Args;
import dev.dbtlens.graphql.internal.scalars.Json;
import dev.dbtlens.graphql.internal.scalars.JsonText;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.dataloader.DataLoader;

/**
 * The fields of the node types served by a {@link NodeRow} (applied, definition and nested nodes
 * of every resource type) that are not one of its components: one fetcher per field name.
 * Relations go through the execution's DataLoaders.
 */
final class NodeFields {
  private static final Set<String> TEST_STATUSES = Set.of("error", "fail", "pass", "skipped", "warn");

  private NodeFields() {}

  static Map<String, DataFetcher<?>> fetchers() {
    Map<String, DataFetcher<?>> f = new LinkedHashMap<>();
    ids(f);
    relations(f);
    f.put("filePath", env -> row(env).filePath() == null ? "" : row(env).filePath());
    f.put("executionInfo", NodeFields::executionInfo);
    f.put("catalog", env -> Loaders.get(env, Loaders.CATALOG).load(row(env).key()));
    f.put("freshness", NodeFields::freshness);
    f.put("testMetadata", env -> testMetadata(row(env)));
    f.put("lastKnownResult", env -> executionInfo(env).thenApply(e -> e.lastRunStatus() == null
        || !TEST_STATUSES.contains(e.lastRunStatus()) ? null : e.lastRunStatus()));
    f.put("testStatuses", env -> Loaders.get(env, Loaders.TEST_STATUSES).load(row(env).key())
        .thenApply(m -> m == null ? Map.of() : m));
    f.put("exposureType", env -> row(env).nodeType());
    f.put("type", env -> row(env).nodeType());
    f.put("ownerName", env -> row(env).owner());
    f.put("constraints", env -> Structures.constraints(tree(row(env).constraints())));
    f.put("releaseVersion", env -> releaseVersion(row(env)));
    f.put("versions", env -> Loaders.list(env, Loaders.MODEL_VERSIONS, row(env).key())
        .thenApply(rows -> rows.stream().map(v -> Map.<String, Object>of("name", v.name(),
            "releaseVersion", releaseVersion(v), "uniqueId", v.uniqueId())).toList()));
    f.put("packages", env -> List.of(row(env).packageName()));
    f.put("isDescriptionInherited", env -> null);
    f.put("deprecationDate", env -> deprecationDate(row(env).deprecationDate()));
    f.put("resource", env -> row(env).testedNodeUniqueId() == null ? "" : row(env).testedNodeUniqueId());
    f.put("modelCount", env -> Loaders.list(env, Loaders.GROUP_MODELS, row(env).key()).thenApply(List::size));
    f.put("models", env -> Loaders.list(env, Loaders.GROUP_MODELS, row(env).key()));
    definitions(f);
    return f;
  }

  static NodeRow row(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static void ids(Map<String, DataFetcher<?>> f) {
    f.put("accountId", env -> AccountIds.accountId(Request.of(env)));
    f.put("projectId", env -> AccountIds.projectIdOrZero(Request.of(env), environment(env).name()));
    f.put("environmentId", env -> environment(env).id());
    f.put("dbtVersion", env -> environment(env).dbtVersion());
    f.put("manifestGeneratedAt", env -> environment(env).manifestGeneratedAt());
    f.put("runGeneratedAt", env -> environment(env).manifestGeneratedAt());
    f.put("runId", env -> manifestRun(env, true));
    f.put("jobId", env -> manifestRun(env, false));
    f.put("jobDefinitionId", env -> manifestRun(env, false));
  }

  private static EnvironmentRef environment(DataFetchingEnvironment env) {
    return Environments.named(Request.of(env), row(env).environmentId());
  }

  private static Long manifestRun(DataFetchingEnvironment env, boolean run) {
    Ids.Runs ids = Ids.runs(Request.of(env));
    Long runId = ids.runId(row(env).environmentId(), environment(env).manifestRunId());
    if (run || runId == null) {
      return runId;
    }
    return ids.run(runId).jobId();
  }

  private static void relations(Map<String, DataFetcher<?>> f) {
    f.put("parents", env -> Loaders.list(env, Loaders.PARENTS, row(env).key()));
    f.put("children", env -> Loaders.list(env, Loaders.CHILDREN, row(env).key()));
    f.put("tests", env -> Loaders.list(env, Loaders.TESTS, row(env).key()));
    f.put("ancestors", env -> typed(env, Loaders.ANCESTORS));
    f.put("descendants", env -> typed(env, Loaders.DESCENDANTS));
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

  private static TestMetadata testMetadata(NodeRow test) {
    TestMetadata m = TestMetadata.of(test);
    return m != null ? m : new TestMetadata(null, null, test.columnName(), null);
  }

  /** {@code latest}, {@code old}, {@code prerelease} against the latest version; {@code none} unversioned. */
  private static String releaseVersion(NodeRow n) {
    if (n.version() == null || n.latestVersion() == null) {
      return "none";
    }
    int c = compareVersions(n.version(), n.latestVersion());
    return c == 0 ? "latest" : c < 0 ? "old" : "prerelease";
  }

  private static int compareVersions(String a, String b) {
    try {
      return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }

  private static Object deprecationDate(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static void definitions(Map<String, DataFetcher<?>> f) {
    json(f, "typeParams", d -> Structures.object(d.get("type_params")));
    json(f, "filter", d -> Structures.object(d.get("filter")));
    json(f, "formula", d -> Structures.text(d.path("type_params"), "expr"));
    json(f, "dimensions", Structures::dimensions);
    json(f, "entities", Structures::entities);
    json(f, "measures", Structures::measures);
    json(f, "queryParams", Structures::queryParams);
    json(f, "exports", Structures::exports);
    json(f, "arguments", Structures::functionArguments);
    json(f, "returns", Structures::functionReturns);
    json(f, "ownerGithub", d -> Structures.text(d.path("owner"), "github"));
    json(f, "ownerSlack", d -> Structures.text(d.path("owner"), "slack"));
    json(f, "model", d -> Structures.text(d, "model"));
    json(f, "numGiven", d -> unitTest(d) ? d.path("given").size() : null);
    json(f, "numGivenRows", d -> unitTest(d) ? rows(d.path("given")) : null);
    json(f, "numExpectRows", d -> unitTest(d) ? d.path("expect").path("rows").size() : null);
    // non-null on TestDefinitionNode: empty for data tests
    f.put("given", env -> unitTest(env) ? given(tree(row(env).definitionJson())) : List.of());
    f.put("expect", env -> unitTestObject(env, "expect"));
    f.put("overrides", env -> unitTestObject(env, "overrides"));
    f.put("eventStatus", env -> Map.of());
    f.put("thisInputNodeUniqueId", env -> null);
    f.put("label", env -> {
      JsonNode d = tree(row(env).definitionJson());
      return d != null && d.hasNonNull("label") ? d.get("label").asText() : row(env).label();
    });
  }

  private static boolean unitTest(DataFetchingEnvironment env) {
    return "unit_test".equals(row(env).resourceType()) && row(env).definitionJson() != null;
  }

  private static Object unitTestObject(DataFetchingEnvironment env, String field) {
    Object v = unitTest(env) ? Structures.object(tree(row(env).definitionJson()).get(field)) : null;
    return v == null ? Map.of() : v;
  }

  private static boolean unitTest(JsonNode d) {
    return "unit_test".equals(Structures.text(d, "resource_type"));
  }

  private static List<Object> given(JsonNode d) {
    List<Object> out = new java.util.ArrayList<>();
    d.path("given").forEach(g -> out.add(Json.plain(g)));
    return out;
  }

  private static int rows(JsonNode given) {
    int n = 0;
    for (JsonNode g : given) {
      n += g.path("rows").isArray() ? g.path("rows").size() : 0;
    }
    return n;
  }

  private static void json(Map<String, DataFetcher<?>> f, String field, Function<JsonNode, Object> read) {
    f.put(field, env -> {
      JsonNode d = tree(row(env).definitionJson());
      return d == null ? null : read.apply(d);
    });
  }

  private static JsonNode tree(JsonText json) {
    return json == null ? null : Json.tree(json.text());
  }
}
