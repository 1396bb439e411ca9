package dev.dbtlens.graphql.internal.perf;

import dev.dbtlens.Performance;
import dev.dbtlens.Performance.Aggregation;
import dev.dbtlens.Performance.Window;
import dev.dbtlens.graphql.internal.environment.EnvironmentRef;
import dev.dbtlens.graphql.internal.environment.Environments;
import dev.dbtlens.graphql.internal.environment.Ids;
import dev.dbtlens.graphql.internal.execution.Errors;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.run.RunRef;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code Query.performance} and its fields, {@code JobNode.criticalPath}, and the {@code Date}
 * scalar. Each field calls one method of core's {@link Performance}; the result records are read
 * by graphql-java's property fetcher.
 */
public final class PerfWiring {
  private PerfWiring() {}

  /** The source of {@code PerformanceInfo}. */
  record PerfRef(long environmentId, Performance performance) {}

  public static void wire(RuntimeWiring.Builder wiring) {
    wiring.scalar(DateScalar.DATE);
    wiring.type("Query", t -> t.dataFetcher("performance", PerfWiring::performance));
    wiring.type("JobNode", t -> t.dataFetcher("criticalPath", PerfWiring::jobCriticalPath));
    wiring.type("PerformanceInfo", t -> t
        .dataFetcher("environmentId", env -> ref(env).environmentId())
        .dataFetcher("modelExecutionHistory", env -> perf(env).modelExecutionHistory(
            env.getArgument("uniqueId"), date(env, "startDate"), date(env, "endDate")))
        .dataFetcher("mostExecutedModels", env -> perf(env).mostExecutedModels(date(env, "start"),
            date(env, "end"), limit(env, "limit"), limit(env, "jobLimit")))
        .dataFetcher("longestExecutedModels", env -> perf(env).longestExecutedModels(date(env, "start"),
            date(env, "end"), limit(env, "limit"), jobId(env), order(env), limit(env, "jobLimit")))
        .dataFetcher("mostExecutionFailedModels", env -> perf(env).mostExecutionFailedModels(
            date(env, "start"), date(env, "end"), limit(env, "limit")))
        .dataFetcher("mostTestFailedModels", env -> perf(env).mostTestFailedModels(date(env, "start"),
            date(env, "end"), limit(env, "limit")))
        .dataFetcher("jobInformation", env -> perf(env).jobInformation(date(env, "start"), date(env, "end"),
            env.getArgument("uniqueId")))
        .dataFetcher("mostQueriedResources", env -> List.of())
        .dataFetcher("resourceQueryHistory", env -> List.of())
        .dataFetcher("executionTrends", PerfWiring::trends)
        .dataFetcher("dailyTotals", env -> perf(env).dailyTotals(date(env, "start"), date(env, "end")))
        .dataFetcher("jobTotals", env -> perf(env).jobTotals(date(env, "start"), date(env, "end")))
        .dataFetcher("criticalPath", PerfWiring::criticalPath));
  }

  private static DataFetcherResult<PerfRef> performance(DataFetchingEnvironment env) {
    Object id = env.getArgument("environmentId");
    EnvironmentRef found = Environments.find(Request.of(env), id);
    if (found == null) {
      List<String> known = Environments.all(Request.of(env)).stream()
          .map(e -> e.id() + " (" + e.name() + ")").toList();
      return Errors.notFound(env, "Environment " + id + " not found; the database has " + known + ".");
    }
    Performance perf = Request.of(env).lens().performance(found.name());
    return DataFetcherResult.<PerfRef>newResult().data(new PerfRef(found.id(), perf)).build();
  }

  private static PerfRef ref(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static Performance perf(DataFetchingEnvironment env) {
    return ref(env).performance();
  }

  private static LocalDate date(DataFetchingEnvironment env, String name) {
    return env.getArgument(name);
  }

  private static int limit(DataFetchingEnvironment env, String name) {
    Integer v = env.getArgument(name);
    if (v == null) {
      return Performance.DEFAULT_LIMIT;
    }
    if (v < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + v);
    }
    return v;
  }

  private static Long jobId(DataFetchingEnvironment env) {
    Object id = env.getArgument("jobId");
    if (id == null) {
      return null;
    }
    Long number = Ids.number(id);
    if (number == null) {
      throw new IllegalArgumentException("jobId must be a number, got '" + id + "'");
    }
    return number;
  }

  private static Aggregation order(DataFetchingEnvironment env) {
    Object v = env.getArgument("orderBy");
    return v == null ? Aggregation.MAX : Aggregation.valueOf(String.valueOf(v));
  }

  private static List<Performance.Trend> trends(DataFetchingEnvironment env) {
    Window baseline = new Window(date(env, "baselineStart"), date(env, "baselineEnd"));
    Window current = new Window(date(env, "currentStart"), date(env, "currentEnd"));
    Double threshold = env.getArgument("thresholdPercent");
    Integer min = env.getArgument("minExecutions");
    List<Performance.Trend> found = perf(env).trends(baseline, current, threshold == null ? 50 : threshold,
        min == null ? 1 : min);
    Integer limit = env.getArgument("limit");
    return limit == null || limit >= found.size() ? found : found.subList(0, Math.max(0, limit));
  }

  private static Performance.CriticalPath criticalPath(DataFetchingEnvironment env) {
    Long runId = jobIdOf(env.getArgument("runId"));
    return runId == null ? perf(env).criticalPath(null) : perf(env).criticalPath(runId.longValue());
  }

  private static Long jobIdOf(Object id) {
    if (id == null) {
      return null;
    }
    Long number = Ids.number(id);
    if (number == null) {
      throw new IllegalArgumentException("runId must be a number, got '" + id + "'");
    }
    return number;
  }

  private static Performance.CriticalPath jobCriticalPath(DataFetchingEnvironment env) {
    RunRef run = env.getSource();
    return Request.of(env).lens().performance(run.environmentId()).criticalPath(run.runId());
  }
}
