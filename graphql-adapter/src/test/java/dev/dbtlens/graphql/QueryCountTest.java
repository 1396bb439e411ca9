package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.testdata.ProjectGenerator;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No N+1: relations load through DataLoaders, so a page of 500 models with their execution,
 * parents and catalog runs the same small number of SQL queries as a page of 5, over a generated
 * project of 600 models; every execution uses one connection, closed at its end; and what one
 * execution read answers the next ones until the database changes.
 */
class QueryCountTest {
  @TempDir
  static Path tmp;
  private static DbtLens lens;
  private static final AtomicInteger QUERIES = new AtomicInteger();
  private static final AtomicInteger OPENED = new AtomicInteger();
  private static final AtomicInteger CLOSED = new AtomicInteger();
  private static final List<String> SQL = new ArrayList<>();

  private static final String PAGE = """
      query ($first: Int) { environment(id: "default") { applied {
        models(first: $first) { totalCount edges { node {
          uniqueId name executionInfo { lastRunStatus executionTime lastSuccessRunId }
          parents { uniqueId name }
          catalog { rowCountStat columns { name type } } } } } } } }""";

  @BeforeAll
  static void generate() {
    Path project = tmp.resolve("big");
    ProjectGenerator.generate(new ProjectGenerator.Options(600, 2, 7), project);
    lens = DbtLens.inMemory();
    lens.ingest(IngestOptions.defaults(), List.of(project));
  }

  @AfterAll
  static void close() {
    lens.close();
  }

  @Test
  void aPageOf500ModelsRunsAFixedSmallNumberOfQueries() {
    DbtLensGraphQL graphql = DbtLensGraphQL.create(lens, Limits.defaults().withCachedRows(0),
        QueryCountTest::counting);
    int forFive = count(graphql, 5);
    int forFiveHundred = count(graphql, 500);
    System.out.println("SQL queries for a page of 500 models with executionInfo, parents, catalog: "
        + forFiveHundred + " " + SQL);
    assertThat(forFiveHundred).isEqualTo(forFive).isLessThanOrEqualTo(5);
    JsonNode conn = Gql.data(graphql, PAGE, Map.of("first", 500)).at("/environment/applied/models");
    assertThat(Gql.nodes(conn)).hasSize(500);
    assertThat(conn.path("totalCount").asInt()).isGreaterThanOrEqualTo(500);
    assertThat(Gql.nodes(conn).stream().filter(n -> n.path("parents").size() > 0).count()).isGreaterThan(400);
  }

  @Test
  void aRepeatedPageReadsNothingAndAChangeIsReadAgain() {
    Path small = tmp.resolve("small");
    Path bigger = tmp.resolve("bigger");
    ProjectGenerator.generate(new ProjectGenerator.Options(30, 1, 3), small);
    ProjectGenerator.generate(new ProjectGenerator.Options(45, 1, 4), bigger);
    try (DbtLens own = DbtLens.inMemory()) {
      own.ingest(IngestOptions.defaults(), List.of(small));
      DbtLensGraphQL graphql = DbtLensGraphQL.create(own, Limits.defaults(), () -> counting(own));
      int cold = count(graphql, 500);
      JsonNode first = Gql.data(graphql, PAGE, Map.of("first", 500));
      int warm = count(graphql, 500);
      assertThat(cold).isPositive();
      assertThat(warm).isZero();
      assertThat(first.at("/environment/applied/models/totalCount").asInt()).isEqualTo(30);
      assertThat(Gql.data(graphql, PAGE, Map.of("first", 500))).isEqualTo(first);
      // a page of another size is another read; the relations of the nodes seen are kept
      assertThat(count(graphql, 10)).isEqualTo(1);

      long revision = own.revision();
      own.ingest(IngestOptions.defaults(), List.of(bigger));
      assertThat(own.revision()).isGreaterThan(revision);
      assertThat(count(graphql, 500)).isEqualTo(cold);
      assertThat(Gql.data(graphql, PAGE, Map.of("first", 500))
          .at("/environment/applied/models/totalCount").asInt()).isEqualTo(45);
    }
  }

  @Test
  void columnLineageOnCatalogColumnsAddsNoQueryPerColumn() {
    DbtLensGraphQL graphql = DbtLensGraphQL.create(lens, Limits.defaults().withCachedRows(0),
        QueryCountTest::counting);
    String page = """
        query ($first: Int) { environment(id: "default") { applied { models(first: $first) { edges { node {
          uniqueId catalog { columns { name descriptionOriginColumnName parentColumns childColumns isPrimaryKey } } } } } } } }""";
    int[] counts = new int[2];
    int[] withParents = new int[2];
    int i = 0;
    for (int first : new int[] {5, 500}) {
      int before = QUERIES.get();
      GraphQLResult r = graphql.execute(page, Map.of("first", first));
      assertThat(r.errors()).isEmpty();
      counts[i] = QUERIES.get() - before;
      JsonNode conn = Sample.MAPPER.valueToTree(r.data()).at("/environment/applied/models");
      for (JsonNode n : Gql.nodes(conn)) {
        for (JsonNode c : n.path("catalog").path("columns")) {
          if (c.path("parentColumns").size() > 0) {
            withParents[i]++;
          }
        }
      }
      i++;
    }
    assertThat(counts[1]).isEqualTo(counts[0]);
    assertThat(withParents[1]).isGreaterThan(1_000);
  }

  @Test
  void thePageCosts26503AsDocsGraphqlMdSays() {
    GraphQLResult r = DbtLensGraphQL.create(lens, new Limits(15, 26_502, 500))
        .execute(PAGE, Map.of("first", 500));
    assertThat(Gql.messages(r)).containsExactly("maximum query complexity exceeded 26503 > 26502");
    assertThat(DbtLensGraphQL.create(lens, new Limits(15, 26_503, 500))
        .execute(PAGE, Map.of("first", 500)).errors()).isEmpty();
  }

  @Test
  void everyExecutionOpensOneConnectionAndClosesIt() {
    DbtLensGraphQL graphql = DbtLensGraphQL.create(lens, Limits.defaults(), QueryCountTest::counting);
    int opened = OPENED.get();
    int closed = CLOSED.get();
    graphql.execute(PAGE, Map.of("first", 50));
    graphql.execute("{ environments { id applied { tags { name } } } }", Map.of());
    graphql.execute("{ __schema { queryType { name } } }", Map.of());
    graphql.execute("{ nope }", Map.of());
    assertThat(OPENED.get() - opened).isEqualTo(2);
    assertThat(CLOSED.get() - closed).isEqualTo(2);
  }

  private static int count(DbtLensGraphQL graphql, int first) {
    SQL.clear();
    int before = QUERIES.get();
    GraphQLResult r = graphql.execute(PAGE, Map.of("first", first));
    assertThat(r.errors()).isEmpty();
    return QUERIES.get() - before;
  }

  /** A connection that counts the queries it runs. */
  static Connection counting() {
    return counting(lens);
  }

  static Connection counting(DbtLens of) {
    Connection real = of.connection();
    OPENED.incrementAndGet();
    InvocationHandler h = (proxy, method, args) -> {
      if (method.getName().equals("close")) {
        CLOSED.incrementAndGet();
      }
      Object result = invoke(real, method, args);
      if (result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")) {
        SQL.add(firstLine(String.valueOf(args[0])));
        return statement(ps);
      }
      if (result instanceof Statement) {
        throw new AssertionError("the adapter must use prepared statements only");
      }
      return result;
    };
    return (Connection) Proxy.newProxyInstance(QueryCountTest.class.getClassLoader(),
        new Class<?>[] {Connection.class}, h);
  }

  private static PreparedStatement statement(PreparedStatement real) {
    InvocationHandler h = (proxy, method, args) -> {
      if (method.getName().startsWith("execute")) {
        QUERIES.incrementAndGet();
      }
      return invoke(real, method, args);
    };
    return (PreparedStatement) Proxy.newProxyInstance(QueryCountTest.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, h);
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static String firstLine(String sql) {
    String s = sql.strip();
    return s.length() > 40 ? s.substring(0, 40).replace('\n', ' ') : s;
  }
}
