package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.dbtlens.testdata.ProjectGenerator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code follow}, and {@code ingest --alerts --webhook} against a local HTTP receiver. */
class LiveCommandsTest {
  @TempDir static Path generated;
  @TempDir Path tmp;

  @BeforeAll
  static void generate() {
    ProjectGenerator.generate(new ProjectGenerator.Options(40, 4, 7), generated, true);
  }

  @Test
  void followPassesDbtsOutputThroughAndStoresTheRun() throws Exception {
    Path db = tmp.resolve("f.duckdb");
    Path log = generated.resolve("003-build/dbt.log");
    long finished = Files.readAllLines(log).stream().filter(l -> l.contains("\"NodeFinished\"")).count();
    Cli.Result r = Cli.run("follow", "--db", db.toString(), "--env", "prod", "--file", log.toString(),
        "--alerts");
    assertThat(r.exit()).as(r.err()).isEqualTo(1); // invocation 3 errors
    assertThat(r.out()).contains("Running with dbt=1.10.13", "Concurrency: 8 threads");
    assertThat(r.err()).contains("ERROR model.", "alert error model_errored",
        "dbt build", ": error, " + finished + " of " + finished + " nodes finished");
    assertThat(Cli.value(db, "SELECT count(*) FROM node_events")).isEqualTo(String.valueOf(finished));
    Cli.Result raw = Cli.run("follow", "--db", db.toString(), "--env", "prod", "--file", log.toString(),
        "--output", "raw");
    assertThat(raw.out().lines().count()).isEqualTo(Files.readAllLines(log).size());
    assertThat(Cli.value(db, "SELECT count(*) FROM node_events")).isEqualTo(String.valueOf(finished));
  }

  @Test
  void ingestPrintsAlertsAndDeliversThemWithRetries() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> bodies = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    server.createContext("/hook", exchange -> {
      int n = calls.incrementAndGet();
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(n < 3 ? 503 : 200, -1); // two failures, then accepted
      exchange.close();
    });
    server.start();
    try {
      Path db = tmp.resolve("a.duckdb");
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
      assertThat(Cli.run("ingest", "--db", db.toString(), generated.resolve("001-build").toString())
          .exit()).isZero();
      Cli.Result r = Cli.run("ingest", "--db", db.toString(), "--alerts", "--webhook", url,
          "--webhook", "http://127.0.0.1:1/nothing-listens", generated.resolve("003-build").toString());
      assertThat(r.exit()).as(r.err()).isZero(); // a failed delivery never fails the ingest
      assertThat(r.out()).contains("alert error model_errored", "Logs: 1 file");
      assertThat(r.err()).contains("warning: webhook http://127.0.0.1:1/nothing-listens not delivered"
          + " after 3 attempts");
      assertThat(calls.get()).isEqualTo(3);
      JsonNode body = new ObjectMapper().readTree(bodies.get(2));
      assertThat(body.get("source").asText()).isEqualTo("dbtlens");
      long printed = r.out().lines().filter(l -> l.startsWith("alert ")).count();
      assertThat(body.get("alerts")).hasSize((int) printed);
      assertThat(Cli.value(db, "SELECT count(*) FROM alerts WHERE invocation_id = '"
          + body.get("alerts").get(0).get("invocation_id").asText() + "'"))
          .isEqualTo(String.valueOf(printed));

      Cli.Result slack = Cli.run("ingest", "--db", db.toString(), "--webhook", url, "--slack",
          generated.resolve("004-test").toString());
      assertThat(slack.exit()).isZero();
      if (calls.get() > 3) {
        assertThat(new ObjectMapper().readTree(bodies.get(3)).get("text").asText()).startsWith("dbtlens: ");
      }
    } finally {
      server.stop(0);
    }
  }
}
