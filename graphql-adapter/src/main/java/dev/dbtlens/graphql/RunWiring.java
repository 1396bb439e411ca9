package dev.dbtlens.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.Instant;
import java.util.List;

/** Run history, jobs and their result nodes. */
final class RunWiring {
  private static final int ALL = Integer.MAX_VALUE;

  private RunWiring() {}

  static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("RunResultNode", t -> t
        .dataFetcher("node", env -> Loaders.get(env, Loaders.NODE).load(run(env).key()))
        .dataFetcher("catalog", env -> Loaders.get(env, Loaders.CATALOG).load(run(env).key())));
    wiring.type("Job", t -> t
        .dataFetcher("models", env -> jobResults(env, ResourceTypes.MODELS))
        .dataFetcher("tests", env -> jobResults(env, ResourceTypes.TESTS))
        .dataFetcher("seeds", env -> jobResults(env, ResourceTypes.SEEDS))
        .dataFetcher("snapshots", env -> jobResults(env, ResourceTypes.SNAPSHOTS))
        .dataFetcher("model", env -> {
          List<RunRow> found = jobResults(env, ResourceTypes.MODELS);
          return found.isEmpty() ? null : found.get(0);
        })
        .dataFetcher("sources", env -> {
          RunRef job = env.getSource();
          Args args = Args.of(env.getArguments());
          return Runs.freshness(Request.of(env), job.environmentId(), job.runId(),
              args.strings("uniqueIds"), null, args.strings("statuses"), null, ALL);
        }));
  }

  private static RunRow run(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static List<RunRow> jobResults(DataFetchingEnvironment env, List<String> types) {
    RunRef job = env.getSource();
    Args args = Args.of(env.getArguments());
    List<String> ids = args.has("uniqueId") ? List.of(args.str("uniqueId")) : args.strings("uniqueIds");
    return Runs.results(Request.of(env), new Runs.Query(job.environmentId(), job.runId(), ids, types,
        args.strings("statuses"), null, ALL, false));
  }

  static Object modelHistoricalRuns(DataFetchingEnvironment env) {
    Args args = Args.of(env.getArguments());
    String id = args.has("uniqueId") ? args.str("uniqueId") : args.str("identifier");
    if (id == null) {
      return Errors.badRequest(env, "modelHistoricalRuns needs a uniqueId or an identifier.");
    }
    return Runs.results(Request.of(env), new Runs.Query(StateWiring.environment(env).id(), null,
        List.of(id), ResourceTypes.MODELS, null, null, count(env, args, 1), true));
  }

  static Object historicalRuns(DataFetchingEnvironment env) {
    Args args = Args.of(env.getArguments());
    List<String> types = ResourceTypes.dbt(args.strings("types"));
    Instant since = args.instant("since");
    boolean buildsOnly = !Boolean.TRUE.equals(args.bool("includeNonBuilds"));
    return Runs.results(Request.of(env), new Runs.Query(StateWiring.environment(env).id(), null,
        args.strings("uniqueIds"), types, args.strings("statuses"), since, count(env, args, 10), buildsOnly));
  }

  static Object sourceFreshnessHistory(DataFetchingEnvironment env) {
    Args args = Args.of(env.getArguments());
    return Runs.freshness(Request.of(env), StateWiring.environment(env).id(), null,
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
