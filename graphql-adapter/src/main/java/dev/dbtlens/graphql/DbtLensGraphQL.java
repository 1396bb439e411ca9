package dev.dbtlens.graphql;

import dev.dbtlens.DbtLens;
import dev.dbtlens.graphql.internal.execution.ConnectionSource;
import dev.dbtlens.graphql.internal.schema.Engine;
import graphql.ExecutionResult;
import graphql.schema.idl.SchemaPrinter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A GraphQL schema shaped after dbt Cloud's Discovery API over one dbtlens database, executed
 * in-process: no server, no network.
 *
 * <pre>{@code
 * try (DbtLens lens = DbtLens.openReadOnly(Path.of("dbtlens.duckdb"))) {
 *   DbtLensGraphQL graphql = DbtLensGraphQL.create(lens);
 *   GraphQLResult result = graphql.execute("""
 *       query ($env: BigInt!) { environment(id: $env) { applied {
 *         models(first: 10, sort: {field: executionTime, direction: desc}) {
 *           edges { node { name executionInfo { lastRunStatus executionTime } } } } } } }""",
 *       Map.of("env", 1));
 *   System.out.println(result.toJson());
 * }
 * }</pre>
 *
 * <p>The schema is built once, by {@link #create(DbtLens)}; an instance is thread-safe and every
 * execution uses its own connection and DataLoaders. See {@code docs/graphql.md}.
 */
public final class DbtLensGraphQL {
  private final Engine engine;

  private DbtLensGraphQL(DbtLens lens, Limits limits, ConnectionSource connections) {
    this.engine = new Engine(Objects.requireNonNull(lens, "lens"), Objects.requireNonNull(limits, "limits"),
        Objects.requireNonNull(connections, "connections"));
  }

  /**
   * @param lens the database to serve
   * @return the schema over it, with {@link Limits#defaults()}
   */
  public static DbtLensGraphQL create(DbtLens lens) {
    return create(lens, Limits.defaults());
  }

  /**
   * @param lens the database to serve
   * @param limits the depth, complexity and page size limits
   * @return the schema over it
   */
  public static DbtLensGraphQL create(DbtLens lens, Limits limits) {
    return new DbtLensGraphQL(lens, limits, lens::connection);
  }

  /** For tests: connections from elsewhere (e.g. a counting proxy). */
  static DbtLensGraphQL create(DbtLens lens, Limits limits, ConnectionSource connections) {
    return new DbtLensGraphQL(lens, limits, connections);
  }

  /**
   * Executes a query. Bad queries (syntax, unknown fields, wrong arguments, limits exceeded, no such
   * environment) come back as errors in the result, never as exceptions.
   *
   * @param query the GraphQL document
   * @param variables its variables, or null
   * @return the result
   */
  public GraphQLResult execute(String query, Map<String, Object> variables) {
    return execute(query, variables, null);
  }

  /**
   * @param query the GraphQL document
   * @param variables its variables, or null
   * @param operationName the operation to run when the document has several, or null
   * @return the result
   */
  public GraphQLResult execute(String query, Map<String, Object> variables, String operationName) {
    if (query == null || query.isBlank()) {
      return failure("The query is empty.");
    }
    try {
      return result(engine.execute(query, variables, operationName));
    } catch (RuntimeException e) {
      return failure("Internal error: " + e);
    }
  }

  /** @return the schema in SDL */
  public String printSchema() {
    SchemaPrinter.Options options = SchemaPrinter.Options.defaultOptions()
        .includeDirectives(false)
        .includeSchemaDefinition(true);
    return new SchemaPrinter(options).print(engine.schema());
  }

  private static GraphQLResult result(ExecutionResult r) {
    Map<String, Object> spec = r.toSpecification();
    Object data = spec.get("data");
    Object errors = spec.get("errors");
    return new GraphQLResult(data instanceof Map<?, ?> ? castMap(data) : null,
        errors instanceof List<?> list ? castErrors(list) : List.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object map) {
    return (Map<String, Object>) map;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> castErrors(List<?> errors) {
    return (List<Map<String, Object>>) errors;
  }

  private static GraphQLResult failure(String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    return new GraphQLResult(null, List.of(error));
  }
}
