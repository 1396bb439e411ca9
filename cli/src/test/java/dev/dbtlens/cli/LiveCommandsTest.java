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
        "dbt build", " (run 1): error, " + finished + " of " + finished + " nodes finished");
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

  @Test
  void aNewRecommendationIsPrintedAndDeliveredButNotTheFirstManifests() throws Exception {
    Path plain = tmp.resolve("plain");
    Path planted = tmp.resolve("planted");
    ProjectGenerator.generate(ProjectGenerator.Options.defaults(), plain);
    ProjectGenerator.generate(ProjectGenerator.Options.defaults(), planted,
        java.util.Set.of(dev.dbtlens.testdata.PlantedViolation.STAGING_DEPENDS_ON_STAGING));
    // the planted project's last manifest, as a later invocation of the same environment
    ObjectMapper json = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode manifest = (com.fasterxml.jackson.databind.node.ObjectNode)
        json.readTree(lastFolder(planted).resolve("manifest.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("metadata"))
        .put("invocation_id", "00000000-0000-4000-8000-00000000beef");
    Path later = Files.createDirectories(tmp.resolve("later")).resolve("manifest.json");
    json.writeValue(later.toFile(), manifest);

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> bodies = new CopyOnWriteArrayList<>();
    server.createContext("/hook", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    try {
      Path db = tmp.resolve("r.duckdb");
      Cli.Result first = Cli.run("ingest", "--db", db.toString(), "--alerts", plain.toString());
      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(first.out()).doesNotContain("recommendation_new");
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
      Cli.Result r = Cli.run("ingest", "--db", db.toString(), "--alerts", "--webhook", url, later.toString());
      assertThat(r.exit()).as(r.err()).isZero();
      List<String> printed = r.out().lines().filter(l -> l.startsWith("alert ")).toList();
      assertThat(printed).hasSize(2);
      assertThat(printed.get(0)).startsWith("alert warn  recommendation_new recommendation fct_direct_join_to_source"
          + " (modeling) on model.shop.stg_zendesk__reviews: ");
      assertThat(printed.get(1)).isEqualTo("alert warn  recommendation_new recommendation"
          + " fct_staging_dependent_on_staging (modeling) on model.shop.stg_zendesk__reviews: staging model"
          + " selects from staging model stg_shopify__customers: staging models should select from sources only");
      assertThat(bodies).hasSize(1);
      JsonNode alerts = json.readTree(bodies.get(0)).get("alerts");
      assertThat(alerts).hasSize(2);
      assertThat(alerts.get(1).get("kind").asText()).isEqualTo("recommendation_new");
      assertThat(alerts.get(1).get("rule_name").asText()).isEqualTo("fct_staging_dependent_on_staging");
      assertThat(alerts.get(1).get("category").asText()).isEqualTo("modeling");
      assertThat(alerts.get(1).get("unique_id").asText()).isEqualTo("model.shop.stg_zendesk__reviews");
      assertThat(alerts.get(1).get("violation_id").asText()).isEqualTo(
          "fct_staging_dependent_on_staging:model.shop.stg_zendesk__reviews,model.shop.stg_shopify__customers");
    } finally {
      server.stop(0);
    }
  }

  private static Path lastFolder(Path root) throws java.io.IOException {
    try (var s = Files.list(root)) {
      return s.filter(Files::isDirectory).sorted().reduce((a, b) -> b).orElseThrow();
    }
  }
}
