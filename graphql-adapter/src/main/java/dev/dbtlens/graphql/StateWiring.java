package dev.dbtlens.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;
import java.util.List;

/** {@code Environment}, {@code AppliedState} and {@code DefinitionState}. */
final class StateWiring {
  private StateWiring() {}

  static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Environment", t -> t
        .dataFetcher("dbtProjectName", env -> {
          EnvironmentRef e = env.getSource();
          return e.dbtProjectName() != null ? e.dbtProjectName()
              : Environments.rootPackage(Request.of(env), e.name());
        })
        .dataFetcher("runs", env -> {
          EnvironmentRef e = env.getSource();
          Integer first = Args.of(env.getArguments()).integer("first");
          int max = Request.of(env).limits().maxPageSize();
          if (first != null && (first < 0 || first > max)) {
            throw new IllegalArgumentException("Argument 'first' of 'runs' is " + first
                + "; it must be between 0 and " + max + " (the page size limit).");
          }
          return Runs.latest(Request.of(env), e.name(), first == null ? 20 : first);
        }));
    wiring.type("Run", t -> t
        .dataFetcher("runId", env -> Request.of(env).runs().runId(run(env).environmentId(), run(env).runId()))
        .dataFetcher("jobId", env -> Request.of(env).runs().jobId(run(env).jobId()))
        .dataFetcher("jobName", env -> run(env).jobId())
        .dataFetcher("invocationId", env -> run(env).runId()));
    wiring.type("AppliedState", t -> common(t)
        .dataFetcher("lastUpdatedAt", env -> environment(env).lastUpdatedAt())
        .dataFetcher("latestGitSha", env -> null)
        .dataFetcher("exposureTile", env -> null)
        .dataFetcher("owners", env -> Environments.owners(Request.of(env), environment(env).name(),
            ResourceTypes.ownerTypes(Args.of(env.getArguments()).str("resource"))))
        .dataFetcher("lineage", LineageWiring::lineage)
        .dataFetcher("modelHistoricalRuns", RunWiring::modelHistoricalRuns)
        .dataFetcher("historicalRuns", RunWiring::historicalRuns)
        .dataFetcher("sourceFreshnessHistory", RunWiring::sourceFreshnessHistory));
    wiring.type("DefinitionState", t -> common(t)
        .dataFetcher("metrics", Connections.nodes(ResourceTypes.METRICS))
        .dataFetcher("semanticModels", Connections.nodes(ResourceTypes.SEMANTIC_MODELS))
        .dataFetcher("savedQueries", Connections.nodes(ResourceTypes.SAVED_QUERIES))
        .dataFetcher("groups", Connections.nodes(ResourceTypes.GROUPS))
        .dataFetcher("functions", Connections.nodes(List.of("function")))
        .dataFetcher("macros", Connections.macros())
        .dataFetcher("lineage", LineageWiring::lineage)
        .dataFetcher("lastUpdatedAt", env -> environment(env).manifestGeneratedAt())
        .dataFetcher("manifestRunId", env -> environment(env).manifestRunId()));
  }

  private static RunRef run(DataFetchingEnvironment env) {
    return env.getSource();
  }

  private static TypeRuntimeWiring.Builder common(TypeRuntimeWiring.Builder t) {
    return t
        .dataFetcher("models", Connections.nodes(ResourceTypes.MODELS))
        .dataFetcher("sources", Connections.nodes(ResourceTypes.SOURCES))
        .dataFetcher("tests", Connections.nodes(ResourceTypes.TESTS))
        .dataFetcher("seeds", Connections.nodes(ResourceTypes.SEEDS))
        .dataFetcher("snapshots", Connections.nodes(ResourceTypes.SNAPSHOTS))
        .dataFetcher("exposures", Connections.nodes(ResourceTypes.EXPOSURES))
        .dataFetcher("resources", Connections.resources())
        .dataFetcher("tags", env -> Environments.tags(Request.of(env), environment(env).name()))
        .dataFetcher("packages", packages())
        .dataFetcher("resourceCounts", env -> Environments.resourceCounts(Request.of(env), environment(env).name()));
  }

  private static DataFetcher<Object> packages() {
    return env -> {
      String resource = Args.of(env.getArguments()).str("resource");
      return Environments.packages(Request.of(env), environment(env).name(),
          resource == null ? null : List.of(resource));
    };
  }

  static EnvironmentRef environment(DataFetchingEnvironment env) {
    EnvironmentRef.State state = env.getSource();
    return state.environment();
  }
}
