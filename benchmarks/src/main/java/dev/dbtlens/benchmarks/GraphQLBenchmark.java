package dev.dbtlens.benchmarks;

import dev.dbtlens.DbtLens;
import dev.dbtlens.graphql.DbtLensGraphQL;
import dev.dbtlens.graphql.GraphQLResult;
import dev.dbtlens.graphql.Limits;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLScalarType;
import graphql.schema.TypeResolver;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A page of applied models with their {@code executionInfo}, {@code parents} and {@code catalog}
 * through {@code DbtLensGraphQL.execute}, beside the floor: graphql-java executing the same query
 * against the same schema (the adapter's printed schema, {@code DbtLensGraphQL.printSchema()}) over
 * in-memory maps holding the same data, with graphql-java's default property fetchers. The floor's
 * data is every page of the query as dbtlens answers it, read in the setup; both answers are
 * checked equal there.
 *
 * <p>The project is generated with one build invocation (manifest, run_results, catalog); the
 * measured page is the middle one ({@code after} the cursor that ends the page before it). The
 * walk benchmarks read every page in turn, each {@code after} the previous page's {@code
 * endCursor}, as a client exporting the environment does ({@code -p models=50000} for the 50k-model
 * walk that benchmarks/README.md reports).
 *
 * <p>The adapter keeps what executions read until the database changes ({@code Limits.cachedRows}),
 * so {@code lensPage} and {@code lensWalk} measure repeated reads (a client polling, a walk done
 * again) once the first iteration read the pages; the {@code *Cold} benchmarks measure the same with
 * nothing kept ({@code cachedRows} 0), every read going to DuckDB as the first read after an ingest
 * does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class GraphQLBenchmark {
  static final String ENV = "bench";

  static final String QUERY = """
      query ModelsPage($environmentId: BigInt!, $first: Int!, $after: String) {
        environment(id: $environmentId) {
          applied {
            models(first: $first, after: $after) {
              totalCount
              pageInfo { startCursor endCursor hasNextPage hasPreviousPage }
              edges {
                cursor
                node {
                  uniqueId
                  name
                  resourceType
                  materializedType
                  database
                  schema
                  alias
                  tags
                  executionInfo {
                    lastRunId
                    lastRunStatus
                    lastRunError
                    lastRunGeneratedAt
                    executionTime
                    executeStartedAt
                    executeCompletedAt
                    rowsAffected
                    lastSuccessRunId
                  }
                  parents { __typename uniqueId name resourceType }
                  catalog {
                    type
                    owner
                    rowCountStat
                    bytesStat
                    columns { name index type comment }
                  }
                }
              }
            }
          }
        }
      }""";

  /** Models in the generated project. */
  @Param({"10000"})
  public int models;

  /** Models per page. */
  @Param({"500"})
  public int pageSize;

  DbtLens lens;
  DbtLensGraphQL adapter;
  DbtLensGraphQL coldAdapter;
  GraphQL floor;
  Map<String, Object> variables;

  @Setup(Level.Trial)
  public void prepare() {
    // named apart from other branches' version-3 databases: this one holds the GraphQL node tables
    Path db = BenchData.database("graphql-nodes-m" + models + "-s" + BenchData.SEED,
        l -> BenchData.ingest(l, ENV, List.of(BenchData.project(models, 1))));
    lens = DbtLens.openReadOnly(db);
    adapter = DbtLensGraphQL.create(lens);
    coldAdapter = DbtLensGraphQL.create(lens, Limits.defaults().withCachedRows(0));

    // every page, as dbtlens answers it: the floor's data
    List<Map<String, Object>> edges = new ArrayList<>();
    List<String> pageStarts = new ArrayList<>();
    Object totalCount = null;
    String after = null;
    while (true) {
      Map<String, Object> connection = models(page(after));
      totalCount = connection.get("totalCount");
      pageStarts.add(after);
      edges.addAll(cast(connection.get("edges")));
      Map<String, Object> info = cast(connection.get("pageInfo"));
      if (!Boolean.TRUE.equals(info.get("hasNextPage"))) {
        break;
      }
      after = (String) info.get("endCursor");
    }
    variables = vars(pageStarts.get(pageStarts.size() / 2));
    floor = floorGraphQL(edges, totalCount);

    Map<String, Object> viaLens = lensPage().data();
    Map<String, Object> viaFloor = floorPage().getData();
    if (!viaLens.equals(viaFloor)) {
      throw new IllegalStateException("the floor's answer differs from dbtlens':\n" + viaLens + "\n" + viaFloor);
    }
    BenchData.log("graphql: " + edges.size() + " models in " + pageStarts.size() + " pages; measuring page "
        + (pageStarts.size() / 2 + 1) + " (" + GraphQLBenchmark.<List<?>>cast(models(viaLens).get("edges")).size() + " models)");
  }

  @TearDown(Level.Trial)
  public void close() {
    lens.close();
  }

  private Map<String, Object> vars(String after) {
    Map<String, Object> v = new HashMap<>();
    v.put("environmentId", ENV);
    v.put("first", pageSize);
    v.put("after", after);
    return v;
  }

  private Map<String, Object> page(String after) {
    GraphQLResult r = coldAdapter.execute(QUERY, vars(after));
    if (r.hasErrors()) {
      throw new IllegalStateException("GraphQL errors: " + r.errors());
    }
    return r.data();
  }

  private static Map<String, Object> models(Map<String, Object> data) {
    Map<String, Object> env = cast(data.get("environment"));
    Map<String, Object> applied = cast(env.get("applied"));
    return cast(applied.get("models"));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }

  @Benchmark
  public GraphQLResult lensPage() {
    GraphQLResult r = adapter.execute(QUERY, variables);
    if (r.hasErrors()) {
      throw new IllegalStateException("GraphQL errors: " + r.errors());
    }
    return r;
  }

  /** The page with nothing kept from earlier executions: every relation read from DuckDB. */
  @Benchmark
  public GraphQLResult lensPageCold() {
    GraphQLResult r = coldAdapter.execute(QUERY, variables);
    if (r.hasErrors()) {
      throw new IllegalStateException("GraphQL errors: " + r.errors());
    }
    return r;
  }

  @Benchmark
  public ExecutionResult floorPage() {
    ExecutionResult r = floor.execute(ExecutionInput.newExecutionInput().query(QUERY).variables(variables).build());
    if (!r.getErrors().isEmpty()) {
      throw new IllegalStateException("GraphQL errors: " + r.getErrors());
    }
    r.toSpecification();
    return r;
  }

  /** Every page in turn, as a client walking the whole environment; returns the models seen. */
  @Benchmark
  public int lensWalk() {
    return walk(adapter);
  }

  /** The walk with nothing kept from earlier executions. */
  @Benchmark
  public int lensWalkCold() {
    return walk(coldAdapter);
  }

  private int walk(DbtLensGraphQL graphql) {
    int seen = 0;
    String after = null;
    while (true) {
      GraphQLResult r = graphql.execute(QUERY, vars(after));
      if (r.hasErrors()) {
        throw new IllegalStateException("GraphQL errors: " + r.errors());
      }
      Map<String, Object> connection = models(r.data());
      seen += GraphQLBenchmark.<List<?>>cast(connection.get("edges")).size();
      Map<String, Object> info = cast(connection.get("pageInfo"));
      if (!Boolean.TRUE.equals(info.get("hasNextPage"))) {
        return seen;
      }
      after = (String) info.get("endCursor");
    }
  }

  /** The walk over the floor: the same pages from the in-memory maps. */
  @Benchmark
  public int floorWalk() {
    int seen = 0;
    String after = null;
    while (true) {
      ExecutionResult r = floor.execute(ExecutionInput.newExecutionInput().query(QUERY).variables(vars(after)).build());
      if (!r.getErrors().isEmpty()) {
        throw new IllegalStateException("GraphQL errors: " + r.getErrors());
      }
      r.toSpecification();
      Map<String, Object> connection = models(r.getData());
      seen += GraphQLBenchmark.<List<?>>cast(connection.get("edges")).size();
      Map<String, Object> info = cast(connection.get("pageInfo"));
      if (!Boolean.TRUE.equals(info.get("hasNextPage"))) {
        return seen;
      }
      after = (String) info.get("endCursor");
    }
  }

  // ---- the floor: the adapter's schema over in-memory maps ----

  private GraphQL floorGraphQL(List<Map<String, Object>> edges, Object totalCount) {
    Map<String, Integer> positionAfter = new HashMap<>();
    for (int i = 0; i < edges.size(); i++) {
      positionAfter.put((String) edges.get(i).get("cursor"), i + 1);
    }
    DataFetcher<Object> modelsFetcher = env -> {
      int first = env.getArgument("first");
      String afterCursor = env.getArgument("after");
      int from = afterCursor == null ? 0 : positionAfter.get(afterCursor);
      int to = Math.min(edges.size(), from + first);
      List<Map<String, Object>> slice = edges.subList(from, to);
      Map<String, Object> pageInfo = new LinkedHashMap<>();
      pageInfo.put("startCursor", slice.isEmpty() ? null : slice.get(0).get("cursor"));
      pageInfo.put("endCursor", slice.isEmpty() ? null : slice.get(slice.size() - 1).get("cursor"));
      pageInfo.put("hasNextPage", to < edges.size());
      pageInfo.put("hasPreviousPage", from > 0);
      Map<String, Object> connection = new LinkedHashMap<>();
      connection.put("totalCount", totalCount);
      connection.put("pageInfo", pageInfo);
      connection.put("edges", slice);
      return connection;
    };
    Map<String, Object> environment = Map.of("id", ENV, "applied", Map.of());
    var types = new SchemaParser().parse(adapter.printSchema());
    RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
        .wiringFactory(new ByTypename())
        .type("Query", t -> t.dataFetcher("environment", env -> ENV.equals(env.getArgument("id")) ? environment : null))
        .type("AppliedState", t -> t.dataFetcher("models", modelsFetcher));
    // every custom scalar of the printed schema (DateTime, BigInt, the beta fields' Date, ...)
    types.scalars().keySet().stream()
        .filter(name -> !graphql.schema.idl.ScalarInfo.isGraphqlSpecifiedScalar(name))
        .forEach(name -> wiring.scalar(passThrough(name)));
    var schema = new SchemaGenerator().makeExecutableSchema(types, wiring.build());
    return GraphQL.newGraphQL(schema).build();
  }

  /** Values are already in their serialized form (dbtlens' answer), so scalars pass them through. */
  private static GraphQLScalarType passThrough(String name) {
    return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, Object>() {
      @Override
      @SuppressWarnings("deprecation")
      public Object serialize(Object dataFetcherResult) {
        return dataFetcherResult;
      }

      @Override
      @SuppressWarnings("deprecation")
      public Object parseValue(Object input) {
        return input;
      }

      @Override
      @SuppressWarnings("deprecation")
      public Object parseLiteral(Object input) {
        return input;
      }
    }).build();
  }

  /** Interfaces and unions resolve to the type named by the map's {@code __typename}. */
  private static final class ByTypename implements WiringFactory {
    private static final TypeResolver RESOLVER = env -> {
      Map<String, Object> m = cast(env.getObject());
      return env.getSchema().getObjectType((String) m.get("__typename"));
    };

    @Override
    public boolean providesTypeResolver(InterfaceWiringEnvironment environment) {
      return true;
    }

    @Override
    public TypeResolver getTypeResolver(InterfaceWiringEnvironment environment) {
      return RESOLVER;
    }

    @Override
    public boolean providesTypeResolver(UnionWiringEnvironment environment) {
      return true;
    }

    @Override
    public TypeResolver getTypeResolver(UnionWiringEnvironment environment) {
      return RESOLVER;
    }
  }
}
