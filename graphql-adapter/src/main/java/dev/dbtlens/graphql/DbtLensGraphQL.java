package dev.dbtlens.graphql;

import dev.dbtlens.DbtLens;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
  private static final String SDL = "schema.graphqls";

  private final DbtLens lens;
  private final Limits limits;
  private final ConnectionSource connections;
  private final GraphQLSchema schema;
  private final GraphQL graphQL;

  private DbtLensGraphQL(DbtLens lens, Limits limits, ConnectionSource connections) {
    this.lens = Objects.requireNonNull(lens, "lens");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.connections = Objects.requireNonNull(connections, "connections");
    TypeDefinitionRegistry types = new SchemaParser().parse(sdl());
    this.schema = buildSchema(types);
    this.graphQL = GraphQL.newGraphQL(schema)
        .instrumentation(new ChainedInstrumentation(List.of(
            new MaxQueryDepthInstrumentation(limits.maxDepth()),
            new MaxQueryComplexityInstrumentation(limits.maxComplexity(), new Complexity(limits)),
            new NodeColumnUse(NodeColumnUse.nodeTypes(types)))))
        .defaultDataFetcherExceptionHandler(new Errors.Handler())
        .build();
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
    try (Request request = new Request(lens, connections, limits)) {
      ExecutionInput input = ExecutionInput.newExecutionInput()
          .query(query)
          .operationName(operationName)
          .variables(variables == null ? Map.of() : new LinkedHashMap<>(variables))
          .graphQLContext(Map.of(Request.class, request))
          .dataLoaderRegistry(Loaders.registry(request))
          .build();
      return result(graphQL.execute(input));
    } catch (RuntimeException e) {
      return failure("Internal error: " + e);
    }
  }

  /** @return the schema in SDL */
  public String printSchema() {
    SchemaPrinter.Options options = SchemaPrinter.Options.defaultOptions()
        .includeDirectives(false)
        .includeSchemaDefinition(true);
    return new SchemaPrinter(options).print(schema);
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

  private static GraphQLSchema buildSchema(TypeDefinitionRegistry types) {
    RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
        .scalar(Scalars.DATE_TIME)
        .scalar(Scalars.JSON_OBJECT)
        .scalar(Scalars.BIG_INT)
        .scalar(Scalars.ANY);
    QueryWiring.wire(wiring);
    StateWiring.wire(wiring);
    NodeWiring.wire(wiring, types);
    MacroFields.wire(wiring, types);
    ExecutionWiring.wire(wiring);
    SourceFields.wire(wiring);
    LineageWiring.wire(wiring, types);
    RunWiring.wire(wiring);
    JobWiring.wire(wiring);
    JobNodeWiring.wire(wiring, types);
    return new SchemaGenerator().makeExecutableSchema(types, wiring.build());
  }

  private static String sdl() {
    try (InputStream in = DbtLensGraphQL.class.getResourceAsStream(SDL)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/dbtlens/graphql/" + SDL);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
