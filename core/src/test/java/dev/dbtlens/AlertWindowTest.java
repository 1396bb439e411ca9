package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.testdata.ProjectGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts' windows (store.alert_window: each node's latest results) that each derivation keeps
 * and the next one updates from the new results only. After every step, reading the whole history
 * again (what a database without windows does) gives the same windows and no alert that the step's
 * derivation missed: after builds, after a prune that removes results some windows hold, after run
 * results older than every stored one, and after a run followed from its log, then its run results.
 */
class AlertWindowTest {
  private static final String WINDOWS = "SELECT * FROM store.alert_window ORDER BY ALL";

  @TempDir Path tmp;

  @Test
  void everyStepKeepsTheWindowsThatReadingTheWholeHistoryGives() throws Exception {
    Path out = tmp.resolve("gen");
    ProjectGenerator.generate(new ProjectGenerator.Options(40, 14, 11L), out, true); // with dbt.log
    List<Path> runs;
    try (Stream<Path> s = Files.list(out)) {
      runs = s.filter(Files::isDirectory).sorted().toList();
    }
    IngestOptions options = IngestOptions.defaults().withEnvironment("gen");
    try (DbtLens lens = DbtLens.open(tmp.resolve("alerts.duckdb")); Connection c = lens.connection()) {
      int alerts = 0;
      for (int i = 0; i < 10; i++) {
        alerts += lens.ingest(options, artifacts(runs.get(i))).alerts().size();
        assertSameAsReadingEverything(lens, c, runs.get(i).getFileName().toString());
      }
      assertThat(alerts).as("alerts raised by the first ten builds").isPositive();

      // prune: some windows hold results of the removed invocations
      long windowsBefore = count(c, "SELECT count(*) FROM store.alert_window");
      assertThat(lens.prune(PruneOptions.keepRuns(3)).invocations()).isNotEmpty();
      lens.ingest(options, artifacts(runs.get(10)));
      assertThat(count(c, "SELECT count(*) FROM store.alert_window")).isEqualTo(windowsBefore);
      assertSameAsReadingEverything(lens, c, "after prune");

      // run results older than every stored one, under an invocation of their own: they join no window
      Path first = runs.get(0).resolve("run_results.json");
      String firstId = invocationId(first);
      Path older = Files.createDirectories(tmp.resolve("older")).resolve("run_results.json");
      Files.writeString(older, Files.readString(first, StandardCharsets.UTF_8)
          .replace(firstId, "00000000-0000-4000-8000-000000000001").replace("\"2026-", "\"2001-"),
          StandardCharsets.UTF_8);
      assertThat(lens.ingest(options, List.of(older)).nothingAdded()).isFalse();
      assertSameAsReadingEverything(lens, c, "late older run results");

      // newer builds again
      for (int i = 11; i < 13; i++) {
        lens.ingest(options, artifacts(runs.get(i)));
        assertSameAsReadingEverything(lens, c, runs.get(i).getFileName().toString());
      }

      // a run followed from its log: the windows take its finished nodes; then its run results
      // arrive, and the results of that invocation, which the windows hold, change
      Path live = runs.get(13);
      lens.live().ingestLogs("gen", List.of(live.resolve("dbt.log")));
      lens.derive("gen", ProgressListener.NONE);
      String liveId = invocationId(live.resolve("run_results.json"));
      assertThat(count(c, "SELECT count(*) FROM store.alert_window, unnest(results) AS w(e)"
          + " WHERE e.invocation_id = '" + liveId + "'")).isPositive();
      assertSameAsReadingEverything(lens, c, "a run followed from its log");
      lens.ingest(options, artifacts(live));
      assertThat(count(c, "SELECT count(*) FROM store.run_result WHERE invocation_id = '" + liveId + "'"))
          .isPositive();
      assertSameAsReadingEverything(lens, c, "its run results");
    }
  }

  /** A run's artifacts, its log aside. */
  private static List<Path> artifacts(Path run) throws IOException {
    try (Stream<Path> s = Files.list(run)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  /**
   * The windows the step left, then the same derived from every stored result (the windows' record
   * of what they were read from removed): equal windows, and no alert the step did not raise.
   */
  private static void assertSameAsReadingEverything(DbtLens lens, Connection c, String step) throws Exception {
    List<String> kept = CurrentExecutionTest.rows(c, WINDOWS);
    assertThat(kept).as(step).isNotEmpty();
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM store.alert_window_source");
    }
    List<Alert> missed = lens.derive("gen", ProgressListener.NONE);
    assertThat(missed).as(step + ": alerts only reading every result finds").isEmpty();
    assertThat(CurrentExecutionTest.rows(c, WINDOWS)).as(step).isEqualTo(kept);
  }

  private static long count(Connection c, String sql) throws Exception {
    return Long.parseLong(CurrentExecutionTest.rows(c, sql).get(0));
  }

  private static String invocationId(Path runResults) throws IOException {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"invocation_id\":\"([^\"]+)\"")
        .matcher(Files.readString(runResults, StandardCharsets.UTF_8));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
