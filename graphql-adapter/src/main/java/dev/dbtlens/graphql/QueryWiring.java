package dev.dbtlens.graphql;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;

/** {@code Query}: environments and jobs. */
final class QueryWiring {
  private QueryWiring() {}

  static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Query", t -> t
        .dataFetcher("environment", QueryWiring::environment)
        .dataFetcher("environments", env -> Environments.find(Request.of(env), null))
        .dataFetcher("job", QueryWiring::job));
  }

  private static DataFetcherResult<EnvironmentRef> environment(DataFetchingEnvironment env) {
    String id = env.getArgument("id");
    List<EnvironmentRef> found = Environments.find(Request.of(env), id);
    if (found.isEmpty()) {
      List<String> known = Environments.find(Request.of(env), null).stream().map(EnvironmentRef::id).toList();
      return Errors.notFound(env, "Environment '" + id + "' not found; the database has " + known + ".");
    }
    return DataFetcherResult.<EnvironmentRef>newResult().data(found.get(0)).build();
  }

  private static DataFetcherResult<RunRef> job(DataFetchingEnvironment env) {
    Args args = Args.of(env.getArguments());
    RunRef run = Runs.job(Request.of(env), args.str("environmentId"), args.str("id"), args.str("runId"));
    if (run == null) {
      String what = args.has("runId") ? "Run '" + args.str("runId") + "'" : "Job '" + args.str("id") + "'";
      return Errors.notFound(env, what + " not found.");
    }
    return DataFetcherResult.<RunRef>newResult().data(run).build();
  }
}
