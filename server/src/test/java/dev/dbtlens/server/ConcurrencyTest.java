package dev.dbtlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.DbtLens;
import dev.dbtlens.graphql.DbtLensGraphQL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests in parallel all get the right answer. The slow tier ({@code -DexcludedGroups=none})
 * prints what requests cost for docs/graphql.md: one after another with and without keeping the
 * database open, and the parts of opening it.
 */
class ConcurrencyTest {
  static final String PAGE = """
      query Page($first: Int) { environments { applied { models(first: $first) {
        totalCount edges { node { uniqueId name } } } } } }""";
  static final int PARALLEL = 16;
  static final int ROUNDS = 4;

  @TempDir Path dir;

  @Test
  void sixteenParallelRequestsAllGetTheInProcessAnswer() throws Exception {
    Path db = Served.database(dir);
    JsonNode expected = inProcess(db);
    assertThat(expected.at("/data/environments/0/applied/models/edges")).hasSize(50);

    try (Served served = Served.start(dir)) {
      ExecutorService clients = Executors.newFixedThreadPool(PARALLEL);
      try {
        long start = System.nanoTime();
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < PARALLEL * ROUNDS; i++) {
          responses.add(clients.submit(() -> served.graphql(PAGE, Map.of("first", 50), "Page")));
        }
        for (Future<HttpResponse<String>> f : responses) {
          HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(Served.tree(r.body())).isEqualTo(expected);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d requests, %d in parallel: %.1f requests/s%n",
            responses.size(), PARALLEL, responses.size() / seconds);
      } finally {
        clients.shutdownNow();
      }
      assertThat(served.log).hasSize(PARALLEL * ROUNDS);
    }
  }

  @Test
  @Tag("slow")
  void whatOpeningTheDatabasePerRequestCosts() throws Exception {
    Path db = Served.database(dir);
    try (Served served = Served.start(dir)) {
      sequential(served, "each opening the database");
    }
    try (Served served = Served.start(dir, o -> o.withKeepOpen(Duration.ofSeconds(5)))) {
      sequential(served, "database kept open");
    }
    reopenCost(db);
  }

  /** One at a time, as a client pages. */
  private static void sequential(Served served, String how) {
    int n = 20;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      assertThat(served.graphql(PAGE, Map.of("first", 50), "Page").statusCode()).isEqualTo(200);
    }
    System.out.printf("%d requests one after another, %s: %.1f ms each%n", n, how,
        (System.nanoTime() - start) / 1e6 / n);
  }

  /** What a request pays for the read-only open: open, build the schema, close. */
  private static void reopenCost(Path db) {
    int n = 20;
    long open = 0;
    long schema = 0;
    long close = 0;
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      DbtLens lens = DbtLens.openReadOnly(db);
      long t1 = System.nanoTime();
      DbtLensGraphQL.create(lens);
      long t2 = System.nanoTime();
      lens.close();
      long t3 = System.nanoTime();
      open += t1 - t0;
      schema += t2 - t1;
      close += t3 - t2;
    }
    System.out.printf("per request: open %.1f ms, schema %.1f ms, close %.1f ms%n",
        open / 1e6 / n, schema / 1e6 / n, close / 1e6 / n);
    try (DbtLens lens = DbtLens.openReadOnly(db)) {
      DbtLensGraphQL graphql = DbtLensGraphQL.create(lens);
      long t0 = System.nanoTime();
      graphql.execute(PAGE, Map.of("first", 50), "Page");
      long first = System.nanoTime() - t0;
      long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        graphql.execute(PAGE, Map.of("first", 50), "Page");
      }
      System.out.printf("in-process on an open database: first query %.1f ms, then %.1f ms each%n",
          first / 1e6, (System.nanoTime() - t1) / 1e6 / n);
    }
  }

  private static JsonNode inProcess(Path db) {
    try (DbtLens lens = DbtLens.openReadOnly(db)) {
      return Served.tree(Served.json(DbtLensGraphQL.create(lens)
          .execute(PAGE, Map.of("first", 50), "Page").toSpecification()));
    }
  }
}
