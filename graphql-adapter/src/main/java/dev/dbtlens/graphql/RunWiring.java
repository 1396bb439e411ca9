package dev.dbtlens.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Run history, jobs and their result nodes. */
final class RunWiring {
  private RunWiring() {}

  static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("RunResultNode", t -> t
        .dataFetcher("environmentId", env -> Request.of(env).environment(run(env).environmentId()).id())
        .dataFetcher("node", env -> Loaders.get(env, Loaders.NODE).load(run(env).key()))
        .dataFetcher("catalog", env -> Loaders.get(env, Loaders.CATALOG).load(run(env).key())));
    wiring.type("RunInfoNode", t -> t
        .dataFetcher("args", env -> run(env).command())
        .dataFetcher("invocationId", env -> run(env).runId()));
  }

  private static RunRow run(DataFetchingEnvironment env) {
    return env.getSource();
  }

  /** {@code modelHistoricalRuns}: the model's latest builds as job-level {@code ModelNode}s. */
  static Object modelHistoricalRuns(DataFetchingEnvironment env) {
    return modelRuns(env, StateWiring.environment(env).name());
  }

  /** {@code Query.modelByEnvironment(environmentId, ...)}: the same, by environment id. */
  static Object modelByEnvironment(DataFetchingEnvironment env) {
    EnvironmentRef e = Environments.find(Request.of(env), env.getArgument("environmentId"));
    if (e == null) {
      return Errors.notFound(env, "Environment " + env.getArgument("environmentId") + " not found.");
    }
    return modelRuns(env, e.name());
  }

  private static Object modelRuns(DataFetchingEnvironment env, String environment) {
    Args args = Args.of(env.getArguments());
    String id = args.has("uniqueId") ? args.str("uniqueId") : args.str("identifier");
    if (id == null) {
      return Errors.badRequest(env, env.getField().getName() + " needs a uniqueId or an identifier.");
    }
    Request request = Request.of(env);
    List<RunRow> runs = Runs.results(request, new Runs.Query(environment, null, List.of(id),
        ResourceTypes.MODELS, null, null, count(env, args, 1), true));
    Map<String, NodeRow> nodes = NodeLookups.byIds(request, environment,
        new LinkedHashSet<>(runs.stream().map(RunRow::uniqueId).toList()));
    List<JobItem> out = new ArrayList<>();
    for (RunRow r : runs) {
      out.add(new JobItem(environment, r.uniqueId(), "model", nodes.get(r.uniqueId()), r, null,
          Map.of(r.uniqueId(), r), null));
    }
    return out;
  }

  static Object historicalRuns(DataFetchingEnvironment env) {
    Args args = Args.of(env.getArguments());
    List<String> types = ResourceTypes.dbt(args.strings("types"));
    Instant since = args.instant("since");
    boolean buildsOnly = !Boolean.TRUE.equals(args.bool("includeNonBuilds"));
    return Runs.results(Request.of(env), new Runs.Query(StateWiring.environment(env).name(), null,
        args.strings("uniqueIds"), types, args.strings("statuses"), since, count(env, args, 10), buildsOnly));
  }

  static Object sourceFreshnessHistory(DataFetchingEnvironment env) {
    Args args = Args.of(env.getArguments());
    return Runs.freshness(Request.of(env), StateWiring.environment(env).name(), null,
        args.strings("uniqueIds"), args.strings("sourceNames"), args.strings("statuses"),
        args.instant("since"), count(env, args, 10));
  }

  /** {@code lastRunCount}, bounded like a page: history lists must not grow without limit. */
  private static int count(DataFetchingEnvironment env, Args args, int dflt) {
    Integer n = args.integer("lastRunCount");
    int max = Request.of(env).limits().maxPageSize();
    if (n != null && (n < 0 || n > max)) {
      throw new IllegalArgumentException("Argument 'lastRunCount' is " + n + "; it must be between 0 and "
          + max + " (the page size limit).");
    }
    return n == null ? dflt : n;
  }
}
