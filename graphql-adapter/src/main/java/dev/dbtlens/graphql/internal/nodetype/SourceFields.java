package dev.dbtlens.graphql.internal.nodetype;

import dev.dbtlens.graphql.internal.environment.EnvironmentRef;
import dev.dbtlens.graphql.internal.environment.Environments;
import dev.dbtlens.graphql.internal.environment.Ids;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.node.CatalogNode;
import dev.dbtlens.graphql.internal.run.Criteria;
import dev.dbtlens.graphql.internal.run.FreshnessRun;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Set;

/**
 * Source freshness ({@code SourceFreshnessNode}, {@code Criteria}, {@code SourceFreshnessRunNode})
 * and the ids of {@code CatalogNode}; the job-level {@code SourceNode}'s are {@code job.JobSourceFields}.
 */
public final class SourceFields {
  private static final Set<String> PERIODS = Set.of("day", "hour", "minute");

  private SourceFields() {}

  public static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("SourceFreshnessNode", t -> t
        .dataFetcher("freshnessRunId", env -> runId(env, fresh(env).freshnessRunId(), fresh(env), true))
        .dataFetcher("freshnessJobDefinitionId", env -> runId(env, fresh(env).freshnessRunId(), fresh(env), false)));
    wiring.type("CriteriaInfo", t -> t.dataFetcher("period", env -> {
      Criteria.Threshold th = env.getSource();
      return th.period() != null && PERIODS.contains(th.period()) ? th.period() : null;
    }));
    wiring.type("CatalogNode", t -> t
        .dataFetcher("environmentId", env -> Environments.named(Request.of(env), ((CatalogNode) env.getSource()).environment()).id())
        .dataFetcher("runId", env -> null)
        .dataFetcher("jobDefinitionId", env -> null));
    wiring.type("SourceFreshnessRunNode", t -> t.dataFetcher("environmentId",
        env -> Environments.named(Request.of(env), ((FreshnessRun) env.getSource()).environmentId()).id()));
  }

  private static SourceFreshnessNode fresh(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static Long runId(DataFetchingEnvironment env, String invocation, SourceFreshnessNode f,
      boolean run) {
    if (invocation == null) {
      return null;
    }
    Ids.Runs ids = Ids.runs(Request.of(env));
    Long runId = ids.runId(f.environment(), invocation);
    if (run || runId == null) {
      return runId;
    }
    return ids.run(runId).jobId();
  }
}
