package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.testdata.ProjectGenerator;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's JSON logs (consistent with its run_results) followed live, reconciled with the
 * run_results, and the alerts of a generated history (webhooks: the CLI's LiveCommandsTest).
 */
class GeneratedLiveTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path generated;
  @TempDir Path tmp;

  @BeforeAll
  static void generate() {
    ProjectGenerator.generate(new ProjectGenerator.Options(60, 6, 42), generated, true);
  }

  /** The planted answers: status, thread and execution time per node, from run_results.json. */
  static Map<String, String> expected(Path runResults) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode r : JSON.readTree(runResults.toFile()).get("results")) {
      out.put(r.get("unique_id").asText(), r.get("status").asText() + " "
          + r.get("thread_id").asText() + " " + r.get("execution_time").asDouble());
    }
    return out;
  }

  static Map<String, String> actual(Connection c, String source) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
        "SELECT unique_id, status, thread, execution_time FROM node_events WHERE source = '" + source + "'")) {
      while (r.next()) {
        out.put(r.getString(1), r.getString(2) + " " + r.getString(3) + " " + r.getDouble(4));
      }
    }
    return out;
  }

  @Test
  void followedWhileASecondConnectionReadsProgressThenReconciled() throws Exception {
    Path folder = generated.resolve("003-build");
    List<String> lines = Files.readAllLines(folder.resolve("dbt.log"));
    Map<String, String> planted = expected(folder.resolve("run_results.json"));
    int half = lines.size() / 2;
    long finishedInFirstHalf = lines.subList(0, half).stream()
        .filter(l -> l.contains("\"name\":\"NodeFinished\"")).count();
    assertThat(finishedInFirstHalf).isPositive();
    try (DbtLens lens = DbtLens.open(tmp.resolve("live.duckdb"));
        Connection reader = lens.connection()) {
      PipedOutputStream pipe = new PipedOutputStream();
      PipedInputStream in = new PipedInputStream(pipe, 1 << 20);
      List<Alert> alerts = new CopyOnWriteArrayList<>();
      CompletableFuture<LogIngestReport> follow = CompletableFuture.supplyAsync(() ->
          lens.live().follow("gen", in, new LiveListener() {
            @Override
            public void alert(Alert alert) {
              alerts.add(alert);
            }
          }));
      Writer w = new java.io.OutputStreamWriter(pipe, StandardCharsets.UTF_8);
      for (String l : lines.subList(0, half)) {
        w.write(l + "\n");
      }
      w.flush();
      // the second connection sees the first half's finished nodes while the run is still open
      long seen = -1;
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline) {
        try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery(
            "SELECT status, nodes_finished, nodes_total FROM live_runs WHERE environment = 'gen'")) {
          if (r.next() && r.getLong(2) == finishedInFirstHalf) {
            assertThat(r.getString(1)).isEqualTo("running");
            assertThat(r.getLong(3)).isEqualTo(planted.size());
            seen = r.getLong(2);
            break;
          }
        }
        Thread.sleep(20);
      }
      assertThat(seen).isEqualTo(finishedInFirstHalf);
      for (String l : lines.subList(half, lines.size())) {
        w.write(l + "\n");
      }
      w.close();
      LogIngestReport report = follow.get();
      assertThat(report.nodeEvents()).isEqualTo(2L * planted.size());
      assertThat(actual(reader, "log")).isEqualTo(planted);
      LiveRun run = lens.live().runs("gen").get(0);
      assertThat(run.status()).isEqualTo("error"); // invocation 3: a model errors, a test fails
      assertThat(run.nodesFinished()).isEqualTo(planted.size());
      assertThat(alerts).extracting(Alert::source).containsOnly("log");
      assertThat(alerts).extracting(Alert::kind).contains("model_errored", "test_failed");

      // the run_results arrive: same rows, now from them, no duplicates, no alert twice
      IngestReport ingested = lens.ingest(IngestOptions.defaults().withEnvironment("gen"),
          List.of(folder.resolve("run_results.json")));
      assertThat(ingested.alerts()).isEmpty();
      assertThat(actual(reader, "log")).isEmpty();
      assertThat(actual(reader, "run_results")).isEqualTo(planted);
      assertThat(lens.live().run("gen", run.invocationId()).orElseThrow().hasRunResults()).isTrue();
    }
  }

  /** Alerts of each ingest, against transitions computed from the generated run_results. */
  @Test
  void alertsPerIngestMatchTheHistory() throws Exception {
    List<Path> folders;
    try (var list = Files.list(generated)) {
      folders = list.filter(Files::isDirectory).sorted().toList();
    }
    Map<String, String> last = new HashMap<>();
    try (DbtLens lens = DbtLens.inMemory()) {
      for (Path folder : folders) {
        Set<String> expected = new TreeSet<>();
        Path rr = folder.resolve("run_results.json");
        if (Files.exists(rr)) {
          for (JsonNode r : JSON.readTree(rr.toFile()).get("results")) {
            String id = r.get("unique_id").asText();
            String status = r.get("status").asText();
            if (status.equals("skipped")) {
              continue;
            }
            String before = last.put(id, status);
            boolean test = id.startsWith("test.") || id.startsWith("unit_test.");
            Set<String> bad = Set.of("fail", "error");
            if (test && bad.contains(status) && (before == null || !bad.contains(before))) {
              expected.add("test_failed " + id);
            } else if (test && status.equals("warn") && (before == null || !Set.of("warn", "fail", "error").contains(before))) {
              expected.add("test_warned " + id);
            } else if (test && status.equals("pass") && before != null && !before.equals("pass")) {
              expected.add("test_recovered " + id);
            } else if (!test && status.equals("error") && !"error".equals(before)) {
              expected.add("model_errored " + id);
            } else if (!test && status.equals("success") && "error".equals(before)) {
              expected.add("model_recovered " + id);
            }
          }
        }
        IngestReport report = lens.ingest(IngestOptions.defaults().withEnvironment("gen"),
            List.of(folder));
        Set<String> got = new TreeSet<>();
        report.alerts().stream().filter(a -> !a.kind().equals("model_slower") && !a.kind().equals("recommendation_new")
                && !a.kind().startsWith("source_"))
            .forEach(a -> got.add(a.kind() + " " + a.uniqueId()));
        assertThat(got).as(folder.getFileName().toString()).isEqualTo(expected);
      }
      assertThat(lens.alerts().list("gen", 1000)).isNotEmpty();
    }
  }

  /**
   * A run known only from its log is numbered when its first node starts (the next run id of the
   * database, the job id of its label), and its artifacts keep that run id: no second id, no
   * duplicate invocation.
   */
  @Test
  void aRunInProgressIsNumberedAndItsArtifactsKeepTheId() throws Exception {
    List<Path> folders;
    try (var list = Files.list(generated)) {
      folders = list.filter(Files::isDirectory).sorted().toList();
    }
    Path third = folders.get(2);
    assertThat(third.getFileName().toString()).isEqualTo("003-build");
    List<String> lines = Files.readAllLines(third.resolve("dbt.log"));
    String invocation = JSON.readTree(third.resolve("run_results.json").toFile())
        .at("/metadata/invocation_id").asText();
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(IngestOptions.defaults().withEnvironment("gen"), folders.subList(0, 2));
      lens.live().follow("gen", new java.io.ByteArrayInputStream(String.join("\n",
          lines.subList(0, lines.size() / 2)).getBytes(StandardCharsets.UTF_8)), null);
      try (Connection c = lens.connection()) {
        // 001-build and 002 got run ids 1 and 2 at ingest; the build in progress is 3, job 'build'
        // like 001-build
        assertThat(rows(c, "SELECT invocation_id, status, run_id, job, job_id FROM live_runs"
            + " WHERE environment = 'gen' AND NOT has_run_results"))
            .containsExactly(invocation + " running 3 build " + jobOf(c, folders.get(0)));
        assertThat(rows(c, "SELECT id_source FROM store.run_ids WHERE run_id = 3"))
            .containsExactly("log");
        assertThat(lens.live().run("gen", invocation).orElseThrow().runId()).isEqualTo(3L);
        assertThat(rows(c, "SELECT DISTINCT run_id FROM node_events WHERE invocation_id = '"
            + invocation + "'")).containsExactly("3");
      }
      lens.ingest(IngestOptions.defaults().withEnvironment("gen"), List.of(third));
      try (Connection c = lens.connection()) {
        assertThat(rows(c, "SELECT invocation_id, run_id, job_id FROM invocations"
            + " WHERE environment = 'gen' ORDER BY run_id")).hasSize(3)
            .last().isEqualTo(invocation + " 3 " + jobOf(c, folders.get(0)));
        assertThat(rows(c, "SELECT count(*), count(DISTINCT run_id) FROM store.run_ids"))
            .containsExactly("3 3");
        assertThat(rows(c, "SELECT id_source FROM store.run_ids WHERE run_id = 3"))
            .containsExactly("assigned");
      }
    }
  }

  /** Ids asked for at ingest: the job label is taken, the log's run id is kept (warning). */
  @Test
  void idsAskedForWhenTheArtifactsArriveKeepTheLogsRunId() throws Exception {
    List<Path> folders;
    try (var list = Files.list(generated)) {
      folders = list.filter(Files::isDirectory).sorted().toList();
    }
    Path first = folders.get(0);
    String invocation = JSON.readTree(first.resolve("run_results.json").toFile())
        .at("/metadata/invocation_id").asText();
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.live().ingestLogs("gen", List.of(first.resolve("dbt.log")));
      IngestReport report = lens.ingest(IngestOptions.defaults().withEnvironment("gen")
          .withJob("nightly").withIds(null, null, 500L), List.of(first));
      assertThat(report.warnings()).contains("invocation " + invocation + " already has run id 1"
          + " (numbered from its log while it ran); the run id 500 from --run-id was not used");
      try (Connection c = lens.connection()) {
        assertThat(rows(c, "SELECT invocation_id, run_id, job, id_source FROM store.run_ids"))
            .containsExactly(invocation + " 1 nightly assigned");
      }
    }
  }

  private static String jobOf(Connection c, Path folder) throws Exception {
    String inv = JSON.readTree(folder.resolve("run_results.json").toFile())
        .at("/metadata/invocation_id").asText();
    return rows(c, "SELECT job_id FROM store.run_ids WHERE invocation_id = '" + inv + "'").get(0);
  }

  static List<String> rows(Connection c, String sql) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i > 1 ? " " : "").append(r.getString(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }
}
