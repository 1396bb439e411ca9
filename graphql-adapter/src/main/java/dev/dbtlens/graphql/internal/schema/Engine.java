package dev.dbtlens.graphql.internal.schema;

import dev.dbtlens.DbtLens;
import dev.dbtlens.graphql.Limits;
import dev.dbtlens.graphql.internal.execution.Complexity;
import dev.dbtlens.graphql.internal.execution.ConnectionSource;
import dev.dbtlens.graphql.internal.execution.Errors;
import dev.dbtlens.graphql.internal.execution.NodeColumnUse;
import dev.dbtlens.graphql.internal.execution.OperationChecks;
import dev.dbtlens.graphql.internal.execution.ReadCache;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.job.JobNodeWiring;
import dev.dbtlens.graphql.internal.job.JobWiring;
import dev.dbtlens.graphql.internal.job.RunWiring;
import dev.dbtlens.graphql.internal.lineage.LineageWiring;
import dev.dbtlens.graphql.internal.node.Loaders;
import dev.dbtlens.graphql.internal.nodetype.ExecutionWiring;
import dev.dbtlens.graphql.internal.nodetype.MacroFields;
import dev.dbtlens.graphql.internal.nodetype.NodeWiring;
import dev.dbtlens.graphql.internal.nodetype.SourceFields;
import dev.dbtlens.graphql.internal.perf.PerfWiring;
import dev.dbtlens.graphql.internal.scalars.Scalars;
import dev.dbtlens.graphql.internal.search.SearchWiring;
import dev.dbtlens.graphql.internal.mesh.MeshWiring;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import dev.dbtlens.graphql.internal.live.LiveWiring;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The executable schema, built once: the SDL, the wiring of every schema area, the limits and the
 * instrumentation. Each execution gets its own {@link Request} (one connection) and DataLoaders.
 */
public final class Engine {
  /**
   * The SDL files, merged in this order: the published API's types first, then one file per
   * capability beyond it ({@code <capability>.graphqls}, extending {@code Query} and other types
   * with {@code extend type}).
   */
  private static final List<String> SDL = List.of("schema.graphqls", "live.graphqls",
      "recommendations.graphqls", "search.graphqls", "mesh.graphqls", "columns.graphqls",
      "perf.graphqls");

  private final DbtLens lens;
  private final Limits limits;
  private final ConnectionSource connections;
  private final ReadCache cache;
  private final GraphQLSchema schema;
  private final GraphQL graphQL;

  public Engine(DbtLens lens, Limits limits, ConnectionSource connections) {
    this.lens = lens;
    this.limits = limits;
    this.connections = connections;
    this.cache = new ReadCache(lens::revision, limits.cachedRows());
    TypeDefinitionRegistry types = new TypeDefinitionRegistry();
    for (String file : SDL) {
      types.merge(new SchemaParser().parse(sdl(file)));
    }
    this.schema = buildSchema(types);
    this.graphQL = GraphQL.newGraphQL(schema)
        .instrumentation(new OperationChecks(limits.maxDepth(), limits.maxComplexity(),
            new Complexity(limits), new NodeColumnUse(nodeTypes(types))))
        .defaultDataFetcherExceptionHandler(new Errors.Handler())
        .build();
  }

  public GraphQLSchema schema() {
    return schema;
  }

  /**
   * @param query the GraphQL document, not blank
   * @param variables its variables, or null
   * @param operationName the operation to run, or null
   * @return graphql-java's result, complete: the execution's connection is closed
   */
  public ExecutionResult execute(String query, Map<String, Object> variables, String operationName) {
    try (Request request = new Request(lens, connections, limits, cache)) {
      ExecutionInput input = ExecutionInput.newExecutionInput()
          .query(query)
          .operationName(operationName)
          .variables(variables == null ? Map.of() : new LinkedHashMap<>(variables))
          .graphQLContext(Map.of(Request.class, request))
          .dataLoaderRegistry(Loaders.registry(request))
          .build();
      return graphQL.execute(input);
    }
  }

  /** @return the object types whose fields read a node's columns: node rows and job-level nodes */
  private static Set<String> nodeTypes(TypeDefinitionRegistry types) {
    Set<String> out = new HashSet<>(NodeWiring.rowTypes(types));
    out.addAll(JobNodeWiring.TYPES);
    return out;
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
    LiveWiring.wire(wiring);
    dev.dbtlens.graphql.internal.recommend.RecommendationsWiring.wire(wiring);
    SearchWiring.wire(wiring);
    MeshWiring.wire(wiring);
    dev.dbtlens.graphql.internal.columns.ColumnWiring.wire(wiring);
    PerfWiring.wire(wiring);
    return new SchemaGenerator().makeExecutableSchema(types, wiring.build());
  }

  private static String sdl(String file) {
    String resource = "/dev/dbtlens/graphql/" + file;
    try (InputStream in = Engine.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource.substring(1));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
