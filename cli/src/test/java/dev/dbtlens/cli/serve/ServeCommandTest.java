package dev.dbtlens.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.cli.Main;
import dev.dbtlens.testdata.Samples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dbtlens serve} in-process: what it prints, that it answers, that it stops. */
class ServeCommandTest {
  private static final Pattern SERVING = Pattern.compile(
      "dbtlens serving (http://127\\.0\\.0\\.1:\\d+/graphql) \\(database .*serve\\.duckdb, read-only\\)");

  @TempDir static Path dir;
  static Path db;

  @BeforeAll
  static void ingestSample() {
    db = dir.resolve("serve.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(IngestOptions.defaults(), List.of(Samples.extractShopSample(dir.resolve("sample"))));
    }
  }

  @Test
  void printsTheUrlAnswersLogsAndStopsWhenInterrupted() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serve = new Thread(() -> exit.set(Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), "serve", "--db", db.toString(), "--port", "0")));
    serve.start();
    try {
      URI url = URI.create(awaitServing(out));

      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
          .timeout(Duration.ofSeconds(60))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"query\": \"query Name { environments { dbtProjectName } }\", \"operationName\": \"Name\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"dbtProjectName\":\"shop\"");
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("GraphiQL at " + url.resolve("/"));
      // the line is written once the exchange is closed, so possibly just after the client has the answer
      assertThat(awaitText(err, Pattern.compile("POST /graphql 200 \\d+ms Name"))).isTrue();
    } finally {
      serve.interrupt();
      serve.join(30_000);
    }
    assertThat(serve.isAlive()).isFalse();
    assertThat(exit.get()).isZero();
  }

  @Test
  void aMissingDatabaseIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), "serve", "--db", dir.resolve("nope.duckdb").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no database at");
  }

  @Test
  void aTakenPortIsAFailureThatSaysSo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit = Main.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8),
          "serve", "--db", db.toString(), "--port", String.valueOf(taken.getLocalPort()));

      assertThat(exit).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void theTopCommandListsServe() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "--help");

    assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("(?m)^\\s+serve\\s+Serves the GraphQL schema");
  }

  /** @return the URL the command printed, within 60 s */
  private static boolean awaitText(ByteArrayOutputStream out, Pattern p) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (p.matcher(out.toString(StandardCharsets.UTF_8)).find()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static String awaitServing(ByteArrayOutputStream out) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      Matcher m = SERVING.matcher(out.toString(StandardCharsets.UTF_8));
      if (m.find()) {
        return m.group(1);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve printed no URL within 60 s: " + out.toString(StandardCharsets.UTF_8));
  }
}
