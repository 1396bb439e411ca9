package dev.dbtlens.graphql.internal.job;

import dev.dbtlens.graphql.internal.environment.AccountIds;
import dev.dbtlens.graphql.internal.environment.EnvironmentRef;
import dev.dbtlens.graphql.internal.environment.Environments;
import dev.dbtlens.graphql.internal.environment.Ids;
import dev.dbtlens.graphql.internal.execution.NodeKey;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.node.CatalogNode;
import dev.dbtlens.graphql.internal.node.Cursor;
import dev.dbtlens.graphql.internal.node.Loaders;
import dev.dbtlens.graphql.internal.node.NodeRow;
import dev.dbtlens.graphql.internal.run.FreshnessRun;
import dev.dbtlens.graphql.internal.run.RunRow;
import dev.dbtlens.graphql.internal.scalars.JsonText;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The fields of the job-level types ({@code ModelNode}, {@code SourceNode}, ...) over a {@link
 * JobItem}: the run's result, the node's definition, its catalog through the DataLoader.
 */
final class JobFields {
  private JobFields() {}

  static Map<String, DataFetcher<?>> fetchers() {
    Map<String, DataFetcher<?>> f = new LinkedHashMap<>();
    f.put("uniqueId", env -> item(env).uniqueId());
    f.put("resourceType", env -> item(env).resourceType());
    f.put("accountId", env -> AccountIds.accountId(Request.of(env)));
    f.put("projectId", env -> AccountIds.projectIdOrZero(Request.of(env), item(env).environment()));
    f.put("environmentId", env -> Environments.named(Request.of(env), item(env).environment()).id());
    f.put("runId", env -> runIds(env, true));
    f.put("jobId", env -> runIds(env, false));
    f.put("dbtVersion", env -> Environments.named(Request.of(env), item(env).environment()).dbtVersion());
    f.put("paginationCursor", env -> new Cursor(0, item(env).uniqueId()).encode());
    node(f, "name", NodeRow::name);
    node(f, "description", NodeRow::description);
    node(f, "tags", NodeRow::tags);
    node(f, "meta", NodeRow::meta);
    node(f, "packageName", NodeRow::packageName);
    node(f, "database", NodeRow::database);
    node(f, "schema", NodeRow::schema);
    node(f, "alias", NodeRow::alias);
    node(f, "identifier", NodeRow::alias);
    node(f, "access", NodeRow::access);
    node(f, "dbtGroup", NodeRow::group);
    node(f, "language", NodeRow::language);
    node(f, "materializedType", NodeRow::materializedType);
    node(f, "rawCode", NodeRow::rawCode);
    node(f, "rawSql", NodeRow::rawCode);
    node(f, "compiledCode", NodeRow::compiledCode);
    node(f, "compiledSql", NodeRow::compiledCode);
    node(f, "dependsOn", NodeRow::dependsOn);
    node(f, "sourceName", NodeRow::sourceName);
    node(f, "sourceDescription", NodeRow::sourceDescription);
    node(f, "loader", NodeRow::loader);
    node(f, "columnName", NodeRow::columnName);
    node(f, "exposureType", NodeRow::nodeType);
    node(f, "maturity", NodeRow::maturity);
    node(f, "url", NodeRow::url);
    node(f, "label", NodeRow::label);
    node(f, "ownerName", NodeRow::owner);
    node(f, "ownerEmail", NodeRow::ownerEmail);
    node(f, "packages", n -> List.of(n.packageName()));
    node(f, "timeGrains", n -> List.of());
    node(f, "filters", n -> List.of());
    node(f, "dimensions", n -> List.of());
    f.put("environmentName", env -> item(env).environment());
    run(f, "status", RunRow::status);
    run(f, "error", RunRow::error);
    run(f, "skip", RunRow::skip);
    run(f, "executionTime", RunRow::executionTime);
    run(f, "threadId", RunRow::threadId);
    run(f, "thread_id", RunRow::threadId);
    run(f, "compileStartedAt", RunRow::compileStartedAt);
    run(f, "compileCompletedAt", RunRow::compileCompletedAt);
    run(f, "executeStartedAt", RunRow::executeStartedAt);
    run(f, "executeCompletedAt", RunRow::executeCompletedAt);
    run(f, "runElapsedTime", RunRow::runElapsedTime);
    run(f, "invocationId", RunRow::runId);
    run(f, "args", RunRow::command);
    run(f, "fail", r -> "fail".equals(r.status()));
    run(f, "warn", r -> "warn".equals(r.status()));
    run(f, "state", r -> r.status());
    f.put("runGeneratedAt", env -> item(env).run() != null ? item(env).run().runGeneratedAt()
        : item(env).freshness() != null ? item(env).freshness().runGeneratedAt() : null);
    f.put("runResults", env -> item(env).run() == null ? List.of() : List.of(item(env).run()));
    catalog(f);
    relations(f);
    JobSourceFields.addTo(f);
    JobMacroFields.addTo(f);
    return f;
  }

  static JobItem item(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static Object runIds(DataFetchingEnvironment env, boolean run) {
    JobItem item = item(env);
    String invocation = item.run() != null ? item.run().runId()
        : item.freshness() != null ? item.freshness().runId() : null;
    Ids.Runs ids = Ids.runs(Request.of(env));
    Long runId = ids.runId(item.environment(), invocation);
    if (run) {
      return runId == null ? 0L : runId;
    }
    Ids.Run r = runId == null ? null : ids.run(runId);
    return r == null || r.jobId() == null ? 0L : r.jobId();
  }

  private static void node(Map<String, DataFetcher<?>> f, String field, Function<NodeRow, Object> read) {
    f.put(field, env -> item(env).node() == null ? null : read.apply(item(env).node()));
  }

  private static void run(Map<String, DataFetcher<?>> f, String field, Function<RunRow, Object> read) {
    f.put(field, env -> item(env).run() == null ? null : read.apply(item(env).run()));
  }

  private static void catalog(Map<String, DataFetcher<?>> f) {
    catalogField(f, "columns", CatalogNode::columns);
    catalogField(f, "comment", CatalogNode::comment);
    catalogField(f, "owner", CatalogNode::owner);
    catalogField(f, "type", CatalogNode::type);
    f.put("stats", env -> catalog(env).thenApply(c -> c == null ? List.of() : c.stats()));
  }

  private static void catalogField(Map<String, DataFetcher<?>> f, String field,
      Function<CatalogNode, Object> read) {
    f.put(field, env -> {
      if ("type".equals(field) && "metric".equals(item(env).resourceType())) {
        return item(env).node() == null ? null : item(env).node().nodeType();
      }
      return catalog(env).thenApply(c -> c == null ? null : read.apply(c));
    });
  }

  private static CompletableFuture<CatalogNode> catalog(DataFetchingEnvironment env) {
    return Loaders.<CatalogNode>get(env, Loaders.CATALOG).load(item(env).key());
  }

  private static void relations(Map<String, DataFetcher<?>> f) {
    f.put("childrenL1", env -> Loaders.list(env, Loaders.CHILDREN, item(env).key())
        .thenApply(rows -> rows.stream().map(NodeRow::uniqueId).toList()));
    f.put("parentsModels", env -> parents(env, "model"));
    f.put("parentsSources", env -> parents(env, "source"));
    f.put("parents", env -> parents(env, null));
    f.put("tests", env -> Loaders.list(env, Loaders.TESTS, item(env).key())
        .thenApply(rows -> rows.stream().map(n -> JobItem.of(n, item(env).results())).toList()));
    f.put("model", env -> null);
  }

  private static CompletableFuture<List<JobItem>> parents(DataFetchingEnvironment env, String type) {
    return Loaders.list(env, Loaders.PARENTS, item(env).key()).thenApply(rows -> rows.stream()
        .filter(n -> type == null ? List.of("model", "source", "seed", "snapshot").contains(n.resourceType())
            : type.equals(n.resourceType()))
        .map(n -> JobItem.of(n, item(env).results())).toList());
  }
}
