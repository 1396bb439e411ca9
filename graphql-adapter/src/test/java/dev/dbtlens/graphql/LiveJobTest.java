package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.testdata.ProjectGenerator;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run in progress, known only from the first half of its dbt log (no run_results yet), as
 * {@code job(id, runId)} and {@code environment.applied}'s {@code executionInfo} show it; then the
 * same run once its artifacts arrive (the same run id). The expected values are read from the
 * generated log and run_results with Jackson here, not through dbtlens.
 */
class LiveJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENV = "gen";

  @TempDir static Path generated;

  @BeforeAll
  static void generate() {
    ProjectGenerator.generate(new ProjectGenerator.Options(20, 3, 42), generated, true);
  }

  /** What the log said of one node: its NodeStart, and its NodeFinished when in the lines read. */
  record Logged(String uniqueId, String type, Instant startedAt, String thread, JsonNode finished) {
    String status() {
      return finished == null ? "running" : finished.at("/data/run_result/status").asText();
    }
  }

  private static Map<String, Logged> logged(List<String> lines) throws Exception {
    Map<String, Logged> out = new LinkedHashMap<>();
    for (String line : lines) {
      JsonNode e = JSON.readTree(line);
      String name = e.at("/info/name").asText();
      JsonNode info = e.at("/data/node_info");
      if (name.equals("NodeStart")) {
        out.put(info.get("unique_id").asText(), new Logged(info.get("unique_id").asText(),
            info.get("resource_type").asText(), Instant.parse(info.get("node_started_at").asText() + "Z"),
            e.at("/info/thread").asText(), null));
      } else if (name.equals("NodeFinished")) {
        Logged s = out.get(info.get("unique_id").asText());
        out.put(s.uniqueId(), new Logged(s.uniqueId(), s.type(), s.startedAt(), s.thread(), e));
      }
    }
    return out;
  }

  private static Instant lastTs(List<String> lines) throws Exception {
    return Instant.parse(JSON.readTree(lines.get(lines.size() - 1)).at("/info/ts").asText());
  }

  private static String seconds(double s) {
    return BigDecimal.valueOf(s).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private static final String JOB = """
      query ($job: BigInt!, $run: BigInt) { job(id: $job, runId: $run) {
        id runId invocationId command generatedAt
        liveRun { status runId jobId nodesFinished nodesRunning hasRunResults }
        models { uniqueId status executionTime threadId executeCompletedAt }
        tests { uniqueId status executionTime threadId } } }""";

  private static final String APPLIED = """
      query ($ids: [String!]) { environment(id: "gen") { applied {
        models(filter: {uniqueIds: $ids}) { edges { node { uniqueId executionInfo {
          lastRunId lastRunInvocationId lastRunStatus lastRunGeneratedAt lastJobDefinitionId
          lastSuccessRunId executionTime runGeneratedAt } } } } } } }""";

  private static List<String> rows(JsonNode list, boolean withTimes) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : list) {
      out.add(n.path("uniqueId").asText() + " " + n.path("status").asText() + " "
          + seconds(n.path("executionTime").asDouble()) + " " + n.path("threadId").asText()
          + (withTimes ? " " + n.path("executeCompletedAt").asText() : ""));
    }
    return out;
  }

  private static List<String> expected(Map<String, Logged> nodes, String type, Instant lastTs) {
    List<String> out = new ArrayList<>();
    // job-level tests are data tests and unit tests
    nodes.values().stream().filter(n -> n.type().equals(type) || (type.equals("test") && n.type().equals("unit_test")))
        .sorted(java.util.Comparator.comparing(Logged::uniqueId)).forEach(n -> {
          String thread;
          double time;
          if (n.finished() == null) {
            time = Duration.between(n.startedAt(), lastTs).toNanos() / 1e9;
            thread = n.thread();
          } else {
            time = n.finished().at("/data/run_result/execution_time").asDouble();
            thread = n.finished().at("/data/run_result/thread").asText();
          }
          out.add(n.uniqueId() + " " + n.status() + " " + seconds(time) + " " + thread);
        });
    return out;
  }

  @Test
  void aRunInProgressIsReachableByItsRunIdAndMovesExecutionInfo() throws Exception {
    List<Path> folders;
    try (var list = Files.list(generated)) {
      folders = list.filter(Files::isDirectory).sorted().toList();
    }
    Path third = folders.get(2);
    assertThat(third.getFileName().toString()).isEqualTo("003-build");
    JsonNode runResults = JSON.readTree(third.resolve("run_results.json").toFile());
    String invocation = runResults.at("/metadata/invocation_id").asText();
    List<String> all = Files.readAllLines(third.resolve("dbt.log"));
    List<String> half = all.subList(0, all.size() / 2);
    Map<String, Logged> seen = logged(half);
    Instant lastTs = lastTs(half);
    Logged succeeded = seen.values().stream()
        .filter(n -> n.type().equals("model") && n.status().equals("success")).findFirst().orElseThrow();
    Logged running = seen.values().stream()
        .filter(n -> n.type().equals("model") && n.finished() == null).findFirst().orElseThrow();

    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(IngestOptions.defaults().withEnvironment(ENV), folders.subList(0, 2));
      lens.live().follow(ENV, new ByteArrayInputStream(String.join("\n", half)
          .getBytes(StandardCharsets.UTF_8)), null);
      DbtLensGraphQL graphql = DbtLensGraphQL.create(lens);
      Map<String, Object> before = executionInfo(graphql, List.of(succeeded.uniqueId(), running.uniqueId()));

      // 001-build and 002 have run ids 1 and 2; the run in the log is 3, of job 'build' (001's)
      JsonNode ids = Gql.data(graphql, "{ environment(id: \"gen\") { liveRuns(status: \"running\") { runId jobId } } }")
          .at("/environment/liveRuns/0");
      assertThat(ids.path("runId").asLong()).isEqualTo(3L);
      long jobId = ids.path("jobId").asLong();
      JsonNode job = Gql.data(graphql, JOB, Map.of("job", jobId, "run", 3L)).path("job");
      assertThat(job.path("runId").asLong()).isEqualTo(3L);
      assertThat(job.path("id").asLong()).isEqualTo(jobId);
      assertThat(job.path("invocationId").asText()).isEqualTo(invocation);
      assertThat(job.path("command").asText()).isEqualTo("build");
      assertThat(job.path("generatedAt").isNull()).isTrue();
      long finished = seen.values().stream().filter(n -> n.finished() != null).count();
      assertThat(job.path("liveRun").toString()).isEqualTo("{\"status\":\"running\",\"runId\":3,\"jobId\":"
          + jobId + ",\"nodesFinished\":" + finished + ",\"nodesRunning\":" + (seen.size() - finished)
          + ",\"hasRunResults\":false}");
      // every model and test started so far: finished ones with dbt's status, time and thread;
      // running ones 'running', timed up to the log's latest event
      assertThat(rows(job.path("models"), false)).containsExactlyElementsOf(expected(seen, "model", lastTs));
      assertThat(rows(job.path("tests"), false)).containsExactlyElementsOf(expected(seen, "test", lastTs));
      assertThat(job.path("models")).isNotEmpty();

      // executionInfo: the finished model's last attempt and success are run 3's; the running
      // model keeps what it had before the log was read
      Map<String, Object> during = executionInfo(graphql, List.of(succeeded.uniqueId(), running.uniqueId()));
      JsonNode info = (JsonNode) during.get(succeeded.uniqueId());
      String finishedAt = Instant.parse(succeeded.finished().at("/data/node_info/node_finished_at").asText()
          + "Z").toString();
      double time = succeeded.finished().at("/data/run_result/execution_time").asDouble();
      assertThat(info.toString()).isEqualTo("{\"lastRunId\":3,\"lastRunInvocationId\":\"" + invocation
          + "\",\"lastRunStatus\":\"success\",\"lastRunGeneratedAt\":\"" + finishedAt
          + "\",\"lastJobDefinitionId\":" + jobId + ",\"lastSuccessRunId\":3,\"executionTime\":" + time
          + ",\"runGeneratedAt\":\"" + finishedAt + "\"}");
      assertThat(during.get(running.uniqueId())).isEqualTo(before.get(running.uniqueId()));
      assertThat(((JsonNode) before.get(running.uniqueId())).path("lastRunId").asLong()).isIn(1L, 2L);

      // docs/live.md's GraphQL examples run against this run in progress (environment 1, job 1, run 3)
      assertThat(jobId).isEqualTo(1L);
      List<String> examples = graphqlBlocks(Path.of("..", "docs", "live.md"));
      assertThat(examples).hasSize(2);
      for (String example : examples) {
        JsonNode data = Gql.data(graphql, example);
        if (data.has("job")) {
          assertThat(data.at("/job/liveRun/status").asText()).isEqualTo("running");
          assertThat(data.at("/job/models")).isNotEmpty();
        } else {
          assertThat(data.at("/environment/liveRuns/0/runId").asLong()).isEqualTo(3L);
        }
      }

      // the artifacts arrive: run 3 is the same run, now from run_results
      lens.ingest(IngestOptions.defaults().withEnvironment(ENV), List.of(third));
      graphql = DbtLensGraphQL.create(lens);
      JsonNode done = Gql.data(graphql, JOB, Map.of("job", jobId, "run", 3L)).path("job");
      assertThat(done.path("invocationId").asText()).isEqualTo(invocation);
      // a job's generatedAt is its latest artifact's (the folder's manifest is written after run_results)
      Instant latestArtifact = Instant.MIN;
      try (var files = Files.list(third)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
          latestArtifact = java.util.Collections.max(List.of(latestArtifact,
              Instant.parse(JSON.readTree(f.toFile()).at("/metadata/generated_at").asText())));
        }
      }
      assertThat(done.path("generatedAt").asText()).isEqualTo(latestArtifact.toString());
      assertThat(done.at("/liveRun/hasRunResults").asBoolean()).isTrue();
      List<String> statuses = new ArrayList<>();
      for (JsonNode r : runResults.get("results")) {
        if (r.get("unique_id").asText().startsWith("model.")) {
          statuses.add(r.get("unique_id").asText() + " " + r.get("status").asText());
        }
      }
      assertThat(Gql.texts(done.path("models"), "/uniqueId").size()).isEqualTo(statuses.size());
      List<String> got = new ArrayList<>();
      done.path("models").forEach(m -> got.add(m.path("uniqueId").asText() + " " + m.path("status").asText()));
      assertThat(got).containsExactlyInAnyOrderElementsOf(statuses);
      JsonNode latest = Gql.data(graphql, JOB, Map.of("job", jobId)).path("job");
      assertThat(latest.path("runId").asLong()).isEqualTo(3L);
      JsonNode after = (JsonNode) executionInfo(graphql, List.of(succeeded.uniqueId())).get(succeeded.uniqueId());
      assertThat(after.path("lastRunId").asLong()).isEqualTo(3L);
      assertThat(after.path("lastRunGeneratedAt").asText())
          .isEqualTo(Instant.parse(runResults.at("/metadata/generated_at").asText()).toString());
    }
  }

  private static Map<String, Object> executionInfo(DbtLensGraphQL graphql, List<String> ids) {
    Map<String, Object> out = new LinkedHashMap<>();
    JsonNode data = Gql.data(graphql, APPLIED, Map.of("ids", ids));
    for (JsonNode n : Gql.nodes(data.at("/environment/applied/models"))) {
      out.put(n.path("uniqueId").asText(), n.path("executionInfo"));
    }
    return out;
  }

  /** @return the ```graphql blocks of a document that are not marked {@code <!-- not run -->} */
  static List<String> graphqlBlocks(Path doc) throws Exception {
    List<String> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(doc);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).equals("```graphql") && (i == 0 || !lines.get(i - 1).contains("not run"))) {
        StringBuilder b = new StringBuilder();
        for (i++; !lines.get(i).equals("```"); i++) {
          b.append(lines.get(i)).append('\n');
        }
        out.add(b.toString());
      }
    }
    return out;
  }
}
