package dev.dbtlens.graphql;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;

/**
 * {@code Query}: environments, jobs, and the job-level roots older clients use ({@code
 * models(jobId, runId)}, {@code modelByEnvironment}, ...).
 */
final class QueryWiring {
  private QueryWiring() {}

  static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Query", t -> {
      t.dataFetcher("environment", QueryWiring::environment)
          .dataFetcher("environments", env -> Request.of(env).environments())
          .dataFetcher("job", QueryWiring::job)
          .dataFetcher("modelByEnvironment", RunWiring::modelByEnvironment);
      for (String list : JobWiring.LISTS) {
        t.dataFetcher(list, env -> JobWiring.list(env, run(env), list));
      }
      for (String one : JobWiring.SINGLES) {
        t.dataFetcher(one, env -> JobWiring.single(env, run(env), one));
      }
      return t;
    });
  }

  private static DataFetcherResult<EnvironmentRef> environment(DataFetchingEnvironment env) {
    Object id = env.getArgument("id");
    EnvironmentRef found = Environments.find(Request.of(env), id);
    if (found == null) {
      List<String> known = Request.of(env).environments().stream()
          .map(e -> e.id() + " (" + e.name() + ")").toList();
      String what = Ids.number(id) != null ? "Environment " + id : "Environment '" + id + "'";
      return Errors.notFound(env, what + " not found; the database has " + known + ".");
    }
    return DataFetcherResult.<EnvironmentRef>newResult().data(found).build();
  }

  private static DataFetcherResult<RunRef> job(DataFetchingEnvironment env) {
    Object id = env.getArgument("id");
    Object runId = env.getArgument("runId");
    RunRef run = Runs.job(Request.of(env), env.getArgument("environmentId"), id, runId);
    if (run == null) {
      String what = runId != null ? "Run " + quoted(runId) : "Job " + quoted(id);
      return Errors.notFound(env, what + " not found.");
    }
    return DataFetcherResult.<RunRef>newResult().data(run).build();
  }

  private static RunRef run(DataFetchingEnvironment env) {
    RunRef run = Runs.job(Request.of(env), null, env.getArgument("jobId"), env.getArgument("runId"));
    if (run == null) {
      throw new dev.dbtlens.NotFoundException(env.getArgument("runId") != null
          ? "Run " + env.getArgument("runId") + " not found."
          : "Job " + env.getArgument("jobId") + " not found.");
    }
    return run;
  }

  private static String quoted(Object id) {
    return Ids.number(id) != null ? String.valueOf(id) : "'" + id + "'";
  }
}
