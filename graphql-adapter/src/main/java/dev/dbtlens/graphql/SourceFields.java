package dev.dbtlens.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Source freshness ({@code SourceFreshnessNode}, {@code Criteria}, the job-level {@code SourceNode})
 * and the ids of {@code CatalogNode}.
 */
final class SourceFields {
  private static final Set<String> PERIODS = Set.of("day", "hour", "minute");

  private SourceFields() {}

  static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("SourceFreshnessNode", t -> t
        .dataFetcher("freshnessRunId", env -> runId(env, fresh(env).freshnessRunId(), fresh(env), true))
        .dataFetcher("freshnessJobDefinitionId", env -> runId(env, fresh(env).freshnessRunId(), fresh(env), false)));
    wiring.type("CriteriaInfo", t -> t.dataFetcher("period", env -> {
      Criteria.Threshold th = env.getSource();
      return th.period() != null && PERIODS.contains(th.period()) ? th.period() : null;
    }));
    wiring.type("CatalogNode", t -> t
        .dataFetcher("environmentId", env -> Request.of(env).environment(((CatalogNode) env.getSource()).environment()).id())
        .dataFetcher("runId", env -> null)
        .dataFetcher("jobDefinitionId", env -> null));
    wiring.type("SourceFreshnessRunNode", t -> t.dataFetcher("environmentId",
        env -> Request.of(env).environment(((FreshnessRun) env.getSource()).environmentId()).id()));
  }

  private static SourceFreshnessNode fresh(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static Long runId(DataFetchingEnvironment env, String invocation, SourceFreshnessNode f,
      boolean run) {
    if (invocation == null) {
      return null;
    }
    Ids.Runs ids = Request.of(env).runs();
    Long runId = ids.runId(f.environment(), invocation);
    if (run || runId == null) {
      return runId;
    }
    return ids.run(runId).jobId();
  }

  /** The freshness fields of the job-level {@code SourceNode}. */
  static void jobLevel(Map<String, DataFetcher<?>> f) {
    fresh(f, "maxLoadedAt", FreshnessRun::maxLoadedAt);
    fresh(f, "maxLoadedAtTimeAgoInS", FreshnessRun::maxLoadedAtTimeAgoInS);
    fresh(f, "snapshottedAt", FreshnessRun::snapshottedAt);
    fresh(f, "runElapsedTime", FreshnessRun::executionTime);
    f.put("freshnessChecked", env -> JobFields.item(env).freshness() != null);
    f.put("state", env -> {
      JobItem item = JobFields.item(env);
      if ("source".equals(item.resourceType())) {
        return item.freshness() == null ? "Unknown" : item.freshness().freshnessStatus();
      }
      return item.run() == null ? null : item.run().status();
    });
    f.put("criteria", env -> {
      JobItem item = JobFields.item(env);
      if (item.freshness() != null && item.freshness().criteria() != null) {
        return item.freshness().criteria();
      }
      Criteria defined = item.node() == null ? null : Criteria.ofDefinition(item.node().freshnessCriteria());
      return defined != null ? defined : Criteria.NONE;
    });
  }

  private static void fresh(Map<String, DataFetcher<?>> f, String field,
      Function<FreshnessRun, Object> read) {
    f.put(field, env -> JobFields.item(env).freshness() == null ? null
        : read.apply(JobFields.item(env).freshness()));
  }
}
