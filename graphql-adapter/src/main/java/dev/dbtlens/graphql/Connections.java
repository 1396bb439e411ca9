package dev.dbtlens.graphql;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;

/** The fetchers of connection fields: argument checks, then one page query. */
final class Connections {
  private Connections() {}

  /**
   * @param types the dbt resource types the connection lists
   * @return the fetcher of a node connection of an environment state
   */
  static DataFetcher<DataFetcherResult<Page<NodeRow>>> nodes(List<String> types) {
    return env -> page(env, types, FilterInputs.of(Args.of(env.getArguments()).object("filter")));
  }

  /** @return the fetcher of {@code resources(filter: {types!, ...})} */
  static DataFetcher<DataFetcherResult<Page<NodeRow>>> resources() {
    return env -> {
      Args filter = Args.of(env.getArguments()).object("filter");
      List<String> types = ResourceTypes.dbt(filter.strings("types"));
      return page(env, types == null ? List.of() : types, FilterInputs.of(filter));
    };
  }

  /** @return the fetcher of {@code macros} */
  static DataFetcher<DataFetcherResult<Page<MacroRow>>> macros() {
    return env -> {
      Args args = Args.of(env.getArguments());
      Integer first = first(env, args);
      if (first == null) {
        return tooLarge(env, args);
      }
      EnvironmentRef.State state = env.getSource();
      try {
        return ok(NodePages.macros(Request.of(env), state.environment().name(), args.object("filter"),
            first, args.str("after")));
      } catch (IllegalArgumentException e) {
        return Errors.badRequest(env, e.getMessage());
      }
    };
  }

  private static DataFetcherResult<Page<NodeRow>> page(DataFetchingEnvironment env,
      List<String> types, NodeFilter filter) {
    Args args = Args.of(env.getArguments());
    Integer first = first(env, args);
    if (first == null) {
      return tooLarge(env, args);
    }
    EnvironmentRef.State state = env.getSource();
    Sort sort = Sort.of(args.object("sort"));
    try {
      return ok(NodePages.nodes(Request.of(env), state.environment().name(), types, filter, sort,
          first, args.str("after")));
    } catch (IllegalArgumentException e) {
      return Errors.badRequest(env, e.getMessage());
    }
  }

  /** @return the page size, or null when {@code first} is out of bounds */
  private static Integer first(DataFetchingEnvironment env, Args args) {
    int max = Request.of(env).limits().maxPageSize();
    Integer first = args.integer("first");
    if (first == null) {
      return max;
    }
    return first < 0 || first > max ? null : first;
  }

  private static <T> DataFetcherResult<T> tooLarge(DataFetchingEnvironment env, Args args) {
    int max = Request.of(env).limits().maxPageSize();
    return Errors.badRequest(env, "Argument 'first' of '" + env.getField().getName() + "' is "
        + args.integer("first") + "; it must be between 0 and " + max + " (the page size limit).");
  }

  private static <T> DataFetcherResult<T> ok(T value) {
    return DataFetcherResult.<T>newResult().data(value).build();
  }
}
