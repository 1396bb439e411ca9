package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real dbt JSON logs ({@code ../shared/dbt-logs}, see its SOURCES.md): every expected number here
 * was computed with jq over the files, independently of dbtlens.
 */
class LiveLogsTest {
  @TempDir Path tmp;

  static Path logs() {
    Path dir = SharedArtifacts.root().resolveSibling("dbt-logs");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "no " + dir);
    return dir;
  }

  static Map<String, Long> counts(Connection c, String sql) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.put(r.getString(1), r.getLong(2));
      }
    }
    return out;
  }

  @Test
  void theWholeFolderIngestsAsLogs() throws Exception {
    try (DbtLens lens = DbtLens.open(tmp.resolve("l.duckdb"))) {
      IngestReport report = lens.ingest(IngestOptions.defaults().withEnvironment("logs"),
          List.of(logs()));
      // 17 files; SOURCES.md is no log. jq: 34 distinct info.invocation_id, 222 NodeFinished
      assertThat(report.artifacts()).isEmpty();
      assertThat(report.logs().files()).hasSize(17);
      assertThat(report.logs().invocations()).hasSize(34);
      assertThat(report.logs().skippedLines()).isZero();
      try (Connection c = lens.connection()) {
        // jq: NodeFinished run_result.status: error 8, fail 3, pass 148, skipped 1, success 62
        assertThat(counts(c, "SELECT status, count(*) FROM node_events GROUP BY ALL"))
            .containsExactlyInAnyOrderEntriesOf(Map.of("error", 8L, "fail", 3L, "pass", 148L,
                "skipped", 1L, "success", 62L));
        // jq: CommandCompleted success false 6, true 23; the 5 of dbt 1.4.7 end with FlushEvents, no errors
        assertThat(counts(c, "SELECT status, count(*) FROM live_runs GROUP BY ALL"))
            .containsExactlyInAnyOrderEntriesOf(Map.of("error", 6L, "success", 28L));
        assertThat(counts(c, "SELECT source, count(*) FROM node_events GROUP BY ALL"))
            .containsExactlyEntriesOf(Map.of("log", 222L));
        // jq: NodeFinished run_result.timing_info with an execute step 221 (the skipped node has
        // none); a non-empty adapter_response 212
        assertThat(counts(c, "SELECT coalesce(timing_source, 'none'), count(*) FROM node_events GROUP BY ALL"))
            .containsExactlyInAnyOrderEntriesOf(Map.of("log", 221L, "none", 1L));
        assertThat(counts(c, "SELECT 'n', count(adapter_response) FROM node_events"))
            .containsEntry("n", 212L);
        // the failing test of test_logs.jsonl: timing_info compile 10:03:22.254773-.360011,
        // execute .368746-.775193, adapter_response rows_affected 1.0 (as dbt wrote it); the
        // same test fails in build_logs.jsonl at 12:53:59
        assertThat(counts(c, """
            SELECT concat_ws(' ', compile_started_at, compile_completed_at, execute_started_at,
                             execute_completed_at, adapter_response->>'rows_affected'), 1
            FROM node_events
            WHERE unique_id = 'test.jaffle_shop.accepted_values_customers_first_name__Jane.21e890a312'
              AND status = 'fail'""")).containsOnlyKeys("2024-12-17 10:03:22.254773 2024-12-17 10:03:22.360011"
            + " 2024-12-17 10:03:22.368746 2024-12-17 10:03:22.775193 1.0", "2024-12-17 12:53:59.588933"
            + " 2024-12-17 12:53:59.64337 2024-12-17 12:53:59.658325 2024-12-17 12:53:59.849245 1.0");
        // jq: level warn or *Deprecation: TestsConfigDeprecation 5, MissingArguments...Deprecation 1,
        // DeprecationsSummary 1 (deprecations); NodeNotFoundOrDisabled 7 (each names a test in
        // data.unique_id), NoNodeForYamlKey 3, UnusedResourceConfigPath 1 (warnings)
        assertThat(counts(c, "SELECT kind, count(*) FROM log_warnings GROUP BY ALL"))
            .containsExactlyInAnyOrderEntriesOf(Map.of("deprecation", 7L, "warning", 11L));
        assertThat(counts(c, "SELECT event_name, count(*) FROM log_warnings WHERE unique_id IS NOT NULL GROUP BY ALL"))
            .containsExactlyEntriesOf(Map.of("NodeNotFoundOrDisabled", 7L));
        assertThat(counts(c, "SELECT data->>'target_name', count(*) FROM log_warnings"
            + " WHERE event_name = 'NodeNotFoundOrDisabled' GROUP BY ALL"))
            .containsExactlyInAnyOrderEntriesOf(Map.of("customers", 2L, "stg_customers", 2L, "stg_orders", 3L));
        // richboyes' dbt parse: one MissingArgumentsPropertyInGenericTestDeprecation event, and its
        // DeprecationsSummary counts 4 occurrences; TestsConfigDeprecation once in 5 invocations
        assertThat(counts(c, "SELECT deprecation || ' ' || events, sum(occurrences) FROM log_deprecations GROUP BY ALL"))
            .containsExactlyInAnyOrderEntriesOf(Map.of("TestsConfigDeprecation 1", 5L,
                "MissingArgumentsPropertyInGenericTestDeprecation 1", 4L));
        // docs/live.md's SQL examples run on these logs
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "live.md"));
        int examples = 0;
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).equals("```sql")) {
            StringBuilder sql = new StringBuilder();
            for (i++; !lines.get(i).equals("```"); i++) {
              sql.append(lines.get(i)).append('\n');
            }
            try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql.toString())) {
              examples++;
            }
          }
        }
        assertThat(examples).isEqualTo(5);
      }
      IngestReport again = lens.ingest(IngestOptions.defaults().withEnvironment("logs"),
          List.of(logs()));
      assertThat(again.logs().invocations()).hasSize(34);
      try (Connection c = lens.connection()) {
        assertThat(counts(c, "SELECT 'n', count(*) FROM node_events")).containsEntry("n", 222L);
        assertThat(counts(c, "SELECT 'n', count(*) FROM live_runs")).containsEntry("n", 34L);
      }
    }
  }

  @Test
  void aBuildWithErrorsAndASkip() {
    Path file = logs().resolve("fosk06+dagster-dbt-demo/d27da839e179/dbt.log");
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.live().ingestLogs("p", List.of(file));
      LiveRun run = lens.live().run("p", "87169d15-129e-44b8-8173-f35dbb62d427").orElseThrow();
      assertThat(run.status()).isEqualTo("error");
      assertThat(run.command()).isEqualTo("dbt build");
      assertThat(run.invocationCommand()).isEqualTo("dbt build --select jaffle_platform.marts.products"
          + " jaffle_platform.marts.tweets jaffle_platform.stg.stg_products");
      assertThat(run.dbtVersion()).isEqualTo("1.9.8");
      assertThat(run.nodesTotal()).isEqualTo(29);
      assertThat(run.nodesFinished()).isEqualTo(29);
      assertThat(run.nodesFailed()).isEqualTo(2);
      assertThat(run.nodesSkipped()).isEqualTo(1);
      assertThat(run.progress()).isEqualTo(1.0);
      assertThat(run.elapsedSeconds()).isEqualTo(1.0814092);
      assertThat(run.etaSeconds()).isZero();
      List<NodeEvent> nodes = lens.live().nodes("p", run.invocationId());
      assertThat(nodes).hasSize(29);
      NodeEvent err = nodes.stream().filter(n -> n.uniqueId().equals("test.jaffle_platform."
          + "relationships_stg_order_items_product_id__product_id__ref_stg_products_.886a82c26c"))
          .findFirst().orElseThrow();
      assertThat(err.status()).isEqualTo("error");
      assertThat(err.thread()).isEqualTo("Thread-1 (worker)");
      assertThat(err.executionTime()).isEqualTo(0.019227028);
      assertThat(err.message()).isNotBlank();
    }
  }

  @Test
  void fourThreadsAndDbt14() throws Exception {
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.live().ingestLogs("p", List.of(
          logs().resolve("Gabriel-Rangel+dagster-dbt-docker/d817213c7cdf/dbt.log"),
          logs().resolve("bearski+dagster-dbt-docker/a921d2096470/dbt.log")));
      try (Connection c = lens.connection()) {
        // jq: 7 NodeFinished on each of Thread-1 (worker) .. Thread-4 (worker)
        assertThat(counts(c, "SELECT thread, count(*) FROM node_events JOIN live_runs USING"
            + " (environment, invocation_id) WHERE dbt_version = '1.6.1' GROUP BY ALL"))
            .containsExactlyInAnyOrderEntriesOf(Map.of("Thread-1 (worker)", 7L, "Thread-2 (worker)", 7L,
                "Thread-3 (worker)", 7L, "Thread-4 (worker)", 7L));
        // dbt 1.4.7: 4x list then build (args.which), no CommandCompleted
        assertThat(counts(c, "SELECT command, count(*) FROM live_runs WHERE dbt_version = '1.4.7'"
            + " GROUP BY ALL")).containsExactlyInAnyOrderEntriesOf(Map.of("dbt list", 4L, "dbt build", 1L));
        // jq: the build's 24 NodeFinished: success 23, pass 1
        assertThat(counts(c, "SELECT e.status, count(*) FROM node_events e JOIN live_runs USING"
            + " (environment, invocation_id) WHERE dbt_version = '1.4.7' GROUP BY ALL"))
            .containsExactlyInAnyOrderEntriesOf(Map.of("success", 23L, "pass", 1L));
      }
    }
  }

  /** A crashed run: the log stops in the middle (no run_results, no CommandCompleted). */
  @Test
  void aCrashedRunShowsWhatFinished() throws Exception {
    Path full = logs().resolve("OpenLineage+OpenLineage/2ff0ce731440/build_logs.jsonl");
    List<String> lines = Files.readAllLines(full);
    // jq over the first 300 lines: 9 NodeStart, 8 NodeFinished (success 7, pass 1)
    Path cut = tmp.resolve("dbt.log");
    Files.write(cut, lines.subList(0, 300));
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(IngestOptions.defaults().withEnvironment("p"), List.of(tmp));
      LiveRun run = lens.live().runs("p").get(0);
      assertThat(run.status()).isEqualTo("incomplete");
      // the crashed run is numbered from its log (the database's first run, job 'build')
      assertThat(run.runId()).isEqualTo(1L);
      try (Connection c = lens.connection()) {
        assertThat(counts(c, "SELECT job || ' ' || job_id || ' ' || invocation_command, run_id FROM live_runs"))
            .containsExactlyEntriesOf(Map.of("build 1 dbt build --select +customers orders_snapshot"
                + " --profiles-dir profiles --log-format json", 1L));
      }
      assertThat(run.command()).isEqualTo("dbt build");
      assertThat(run.dbtVersion()).isEqualTo("1.8.2");
      assertThat(run.nodesTotal()).isEqualTo(20);
      assertThat(run.nodesFinished()).isEqualTo(8);
      assertThat(run.nodesRunning()).isEqualTo(1);
      assertThat(run.nodesQueued()).isEqualTo(11);
      try (Connection c = lens.connection()) {
        assertThat(counts(c, "SELECT status, count(*) FROM node_events GROUP BY ALL"))
            .containsExactlyInAnyOrderEntriesOf(Map.of("success", 7L, "pass", 1L, "running", 1L));
      }
    }
  }

  @Test
  void textTruncatedAndUnknownLinesNeverStopFollowing() {
    Path file = logs().resolve("OpenLineage+OpenLineage/8f02abfb7a25/successful_run_logs.jsonl");
    List<String> in = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (String l : lines) {
      in.add(l);
      in.add("12:00:00  Running with plain text between events");
      in.add("{\"info\": {\"name\": \"SomeFutureEvent\", \"invocation_id\": \"x\", \"ts\": \"2030-01-01T00:00:00Z\"}, \"data\": {\"what\": 1}}");
      in.add("{\"not\": \"an event\"}");
    }
    String last = lines.get(lines.size() - 1);
    in.add(last.substring(0, last.length() / 2)); // a truncated last line
    byte[] bytes = String.join("\n", in).getBytes(StandardCharsets.UTF_8);
    List<String> finished = new ArrayList<>();
    Map<String, Integer> kinds = new LinkedHashMap<>();
    try (DbtLens lens = DbtLens.inMemory()) {
      LogIngestReport r = lens.live().follow("p", new ByteArrayInputStream(bytes), new LiveListener() {
        @Override
        public void line(String raw, String message, String level) {
          kinds.merge(message == null ? "other" : "event", 1, Integer::sum);
        }

        @Override
        public void nodeFinished(NodeEvent node) {
          finished.add(node.uniqueId() + " " + node.status());
        }
      });
      // jq: 219 lines, 5 NodeFinished all success
      assertThat(r.lines()).isEqualTo(219 * 4 + 1);
      assertThat(r.skippedLines()).isEqualTo(219 * 2 + 1);
      assertThat(finished).hasSize(5).allMatch(s -> s.endsWith(" success"));
      assertThat(kinds).containsEntry("event", 219 * 2);
      assertThat(lens.live().runs("p")).extracting(LiveRun::status)
          .containsExactlyInAnyOrder("success", "running");
    }
  }

  /** --release: the file is open only while writing; afterwards any process can open it. */
  @Test
  void followReleasingWritesEverythingAndLetsTheFileGo() throws Exception {
    Path file = logs().resolve("fosk06+dagster-dbt-demo/734daf938fb6/dbt.log");
    Path db = tmp.resolve("r.duckdb");
    try (DbtLens created = DbtLens.open(db)) {
      created.schemaVersion();
    }
    try (java.io.InputStream in = Files.newInputStream(file)) {
      LogIngestReport r = LiveRuns.followReleasing(db, "p", in, null, java.time.Duration.ofMillis(50));
      assertThat(r.nodeEvents()).isEqualTo(16); // jq: 8 NodeStart, 8 NodeFinished
    }
    try (DbtLens reader = DbtLens.openReadOnly(db); Connection c = reader.connection()) {
      // jq: error 4, pass 2, success 1, fail 1
      assertThat(counts(c, "SELECT status, count(*) FROM node_events GROUP BY ALL"))
          .containsExactlyInAnyOrderEntriesOf(Map.of("error", 4L, "pass", 2L, "success", 1L, "fail", 1L));
      assertThat(counts(c, "SELECT status, count(*) FROM live_runs GROUP BY ALL"))
          .containsExactlyEntriesOf(Map.of("error", 1L));
      assertThat(counts(c, "SELECT kind, count(*) FROM alerts GROUP BY ALL"))
          .containsExactlyEntriesOf(Map.of("test_failed", 5L)); // 4 errors and a failure, first results
    }
  }

  /** A folder of text-format logs only is still "no dbt artifacts found", not a silent no-op. */
  @Test
  void aFolderOfTextLogsIsNoInput() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("logs"));
    Files.writeString(dir.resolve("dbt.log"), "12:00:00  Running with dbt=1.8.2\n");
    try (DbtLens lens = DbtLens.inMemory()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> lens.ingest(dir))
          .isInstanceOf(ArtifactFormatException.class).hasMessageContaining("no dbt artifacts found");
    }
  }

  /**
   * dbt source freshness: sources.json (a real one, dbt 1.0.3) is the authority on status; as
   * stored it keeps no timestamps, so they come from the log. No real freshness JSON log exists
   * (SOURCES.md), so the log lines here are written to match that file: its invocation id, nodes,
   * threads and its own timing values, as dbt logs them in NodeFinished.run_result.timing_info.
   */
  @Test
  void freshnessChecksTakeTheirTimingsFromTheLog() throws Exception {
    Path sources = SharedArtifacts.file("sources-freshness/analyticsengineersclub+aec-hannah-dbt/target/sources.json");
    String inv = "48e3b88b-b3cf-4f83-9db3-644dae92f9a0";
    String orders = "source.coffee_shop.coffee_shop.orders";
    String customers = "source.coffee_shop.coffee_shop.customers";
    String info = "{\"name\": \"%s\", \"code\": \"\", \"level\": \"%s\", \"ts\": \"%s\","
        + " \"invocation_id\": \"" + inv + "\", \"thread\": \"%s\", \"msg\": \"\"}";
    String node = "\"node_info\": {\"unique_id\": \"%s\", \"resource_type\": \"source\","
        + " \"node_started_at\": \"%s\", \"node_finished_at\": \"%s\", \"node_status\": \"%s\"}";
    List<String> log = List.of(
        "{\"data\": {\"version\": \"=1.0.3\"}, \"info\": " + info.formatted("MainReportVersion", "info",
            "2022-03-01T02:39:38.000000Z", "MainThread") + "}",
        "{\"data\": {\"args\": {\"which\": \"source-freshness\"}}, \"info\": " + info.formatted(
            "MainReportArgs", "debug", "2022-03-01T02:39:38.100000Z", "MainThread") + "}",
        "{\"data\": {" + node.formatted(orders, "2022-03-01T02:39:40.254000", "", "started") + "}, \"info\": "
            + info.formatted("NodeStart", "debug", "2022-03-01T02:39:40.254100Z", "Thread-2") + "}",
        "{\"data\": {" + node.formatted(customers, "2022-03-01T02:39:40.255000", "", "started") + "}, \"info\": "
            + info.formatted("NodeStart", "debug", "2022-03-01T02:39:40.255100Z", "Thread-1") + "}",
        "{\"data\": {" + node.formatted(customers, "2022-03-01T02:39:40.255000", "2022-03-01T02:39:40.300000",
            "runtime error") + ", \"run_result\": {\"status\": \"runtime error\", \"thread\": \"Thread-1\","
            + " \"timing_info\": []}}, \"info\": "
            + info.formatted("NodeFinished", "debug", "2022-03-01T02:39:40.300100Z", "Thread-1") + "}",
        "{\"data\": {" + node.formatted(orders, "2022-03-01T02:39:40.254000", "2022-03-01T02:39:41.467500",
            "error") + ", \"run_result\": {\"status\": \"error\", \"thread\": \"Thread-2\","
            + " \"execution_time\": 1.2138445377349854, \"timing_info\": ["
            + "{\"name\": \"compile\", \"started_at\": \"2022-03-01T02:39:40.254527Z\", \"completed_at\": \"2022-03-01T02:39:40.254533Z\"},"
            + "{\"name\": \"execute\", \"started_at\": \"2022-03-01T02:39:40.254849Z\", \"completed_at\": \"2022-03-01T02:39:41.467356Z\"}]}},"
            + " \"info\": " + info.formatted("NodeFinished", "debug", "2022-03-01T02:39:41.467600Z", "Thread-2") + "}");
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.live().follow("f", new ByteArrayInputStream(String.join("\n", log).getBytes(StandardCharsets.UTF_8)), null);
      assertThat(lens.live().run("f", inv).orElseThrow().runId()).isEqualTo(1L);
      lens.ingest(IngestOptions.defaults().withEnvironment("f"), List.of(sources));
      try (Connection c = lens.connection()) {
        assertThat(counts(c, """
            SELECT concat_ws(' ', unique_id, status, source, thread, execution_time, execute_started_at,
                             execute_completed_at, timing_source, run_id), 1
            FROM node_events""")).containsOnlyKeys(
            orders + " error run_results Thread-2 1.2138445377349854 2022-03-01 02:39:40.254849"
                + " 2022-03-01 02:39:41.467356 log 1",
            customers + " runtime error run_results Thread-1 1");
        // the run keeps its run id, now with its sources.json; its job is 'source freshness'
        assertThat(counts(c, "SELECT invocation_id || ' ' || job, run_id FROM invocations"))
            .containsExactlyEntriesOf(Map.of(inv + " source freshness", 1L));
        assertThat(counts(c, "SELECT id_source || ' ' || has_run_results, count(*) FROM store.run_ids"
            + " JOIN live_runs USING (environment, invocation_id) GROUP BY ALL"))
            .containsExactlyEntriesOf(Map.of("assigned true", 1L));
      }
    }
  }

  /** A database written by a schema-3 build before the log's timing columns gets them on open. */
  @Test
  void anEarlierVersion3DatabaseGetsTheNewColumns() throws Exception {
    Path db = tmp.resolve("early.duckdb");
    try (DbtLens lens = DbtLens.open(db); Connection c = lens.connection(); Statement s = c.createStatement()) {
      for (String column : List.of("compile_started_at", "compile_completed_at", "execute_started_at",
          "execute_completed_at", "adapter_response")) {
        s.execute("ALTER TABLE store.live_node DROP COLUMN " + column);
      }
      s.execute("ALTER TABLE store.live_warning DROP COLUMN data");
    }
    try (DbtLens lens = DbtLens.open(db)) {
      lens.live().ingestLogs("e", List.of(logs().resolve("OpenLineage+OpenLineage/0e0463376b51/test_logs.jsonl")));
      try (Connection c = lens.connection()) {
        // jq: 4 NodeFinished, each with an execute step in timing_info; 1 TestsConfigDeprecation
        assertThat(counts(c, "SELECT timing_source, count(*) FROM node_events GROUP BY ALL"))
            .containsExactlyEntriesOf(Map.of("log", 4L));
        assertThat(counts(c, "SELECT data->>'exp_path', count(*) FROM log_warnings GROUP BY ALL"))
            .containsExactlyEntriesOf(Map.of("data_tests", 1L));
      }
    }
  }
}
