package dev.dbtlens.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Set;

/**
 * The four {@code *ExecutionInfoNode} types over one {@link ExecutionInfo}. Models' {@code
 * lastRunStatus} is the {@code RunStatus} enum: a status outside it (dbt's {@code no-op}, say) is null.
 */
final class ExecutionWiring {
  private static final Set<String> RUN_STATUSES = Set.of("success", "error", "skipped", "reused");

  private ExecutionWiring() {}

  static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("ModelExecutionInfoNode", t -> t.dataFetcher("lastRunStatus",
        env -> info(env).lastRunStatus() != null && RUN_STATUSES.contains(info(env).lastRunStatus())
            ? info(env).lastRunStatus() : null));
    wiring.type("SeedExecutionInfoNode", t -> t.dataFetcher("lastRunSkip",
        env -> info(env).lastRunStatus() == null ? null : "skipped".equals(info(env).lastRunStatus())));
  }

  private static ExecutionInfo info(DataFetchingEnvironment env) {
    return env.getSource();
  }
}
