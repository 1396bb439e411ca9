package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.testdata.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest recomputes only the parts of the current state (store.current_*, store.gql_*) that
 * what it added can change (an unchanged re-run rewrites none of the node tables). After every
 * step of a sequence of ingests, one file set at a time, each table holds exactly what a fresh
 * database given all the same files in one ingest (which recomputes everything) holds. So do the
 * alerts' windows (store.alert_window), which each ingest's derivation updates from the stored
 * windows and the new results only.
 */
class IncrementalCurrentStateTest {
  private static final List<String> TABLES = List.of("current_manifest", "current_node", "current_catalog",
      "current_execution", "gql_node", "gql_edge", "gql_catalog", "alert_window", "alert_window_source");

  @TempDir Path tmp;

  @Test
  void everyStepHoldsWhatOneIngestOfTheSameFilesHolds() throws Exception {
    Path shop = Samples.extractShopSample(tmp.resolve("sample"));
    Path m5 = shop.resolve("005-run/manifest.json");
    Path r5 = shop.resolve("005-run/run_results.json");
    String id5 = "6a24778b-c1b6-4dda-91b8-845217a6c4b8";
    // step name -> files that step ingests
    Map<String, List<Path>> steps = new LinkedHashMap<>();
    steps.put("001 build", files(shop.resolve("001-build")));
    steps.put("002 freshness", files(shop.resolve("002-source-freshness")));
    steps.put("003 build", files(shop.resolve("003-build")));
    steps.put("004 and 005", List.of(shop.resolve("004-test/manifest.json"), shop.resolve("004-test/run_results.json"),
        m5, r5));
    // an unchanged project re-run: the same manifest under a new invocation, no results yet
    Path rerunManifest = copy(m5, "rerun", id5, "11111111-1111-1111-1111-111111111111", null);
    steps.put("unchanged re-run manifest", List.of(rerunManifest));
    // its run results arrive later: they belong to an invocation that had only a manifest
    steps.put("its run results", List.of(copy(r5, "rerun", id5, "11111111-1111-1111-1111-111111111111", null)));
    // run results older than every stored one arrive late: no node's execution changes
    String id3 = "5c591fe3-0e21-4e2f-bee4-cb7d8dfa5063";
    steps.put("late older run results", List.of(copy(shop.resolve("003-build/run_results.json"), "older",
        id3, "66666666-6666-6666-6666-666666666666", "2024-")));
    // newer run results with an error, a failure and skipped nodes: their latest attempts change,
    // their latest successes stay those of earlier runs
    steps.put("newer run results with failures", List.of(copy(shop.resolve("003-build/run_results.json"),
        "failures", id3, "77777777-7777-7777-7777-777777777777", "2027-")));
    // an older manifest of another snapshot arrives late: the current one stays current
    steps.put("late older manifest", List.of(copy(shop.resolve("001-build/manifest.json"), "late",
        "1d7b3296-40af-4787-8188-f3c08959b7ec", "22222222-2222-2222-2222-222222222222", "2025-")));
    // a catalog alone
    steps.put("catalog alone", List.of(copy(shop.resolve("003-build/catalog.json"), "catalog",
        "5c591fe3-0e21-4e2f-bee4-cb7d8dfa5063", "33333333-3333-3333-3333-333333333333", "2027-")));
    // a changed project's manifest alone, newest of all (001's definitions: one changed, four nodes
    // fewer): only the GraphQL rows of the nodes that changed are rewritten
    steps.put("changed manifest alone", List.of(copy(shop.resolve("001-build/manifest.json"), "changed",
        "1d7b3296-40af-4787-8188-f3c08959b7ec", "44444444-4444-4444-4444-444444444444", "2028-")));
    // then a build of the project as 003 had it, manifest and run results together: the rows of the
    // nodes that changed back are rewritten, and the run state of the others updated in place
    String id6 = "55555555-5555-5555-5555-555555555555";
    steps.put("changed manifest with run results", List.of(
        copy(shop.resolve("003-build/manifest.json"), "build", id3, id6, "2029-"),
        copy(shop.resolve("003-build/run_results.json"), "build", id3, id6, "2029-")));

    List<Path> all = new ArrayList<>();
    try (DbtLens stepwise = DbtLens.open(tmp.resolve("stepwise.duckdb"));
        Connection c = stepwise.connection()) {
      int n = 0;
      for (Map.Entry<String, List<Path>> step : steps.entrySet()) {
        IngestReport r = stepwise.ingest(IngestOptions.defaults().withEnvironment("prod"), step.getValue());
        assertThat(r.nothingAdded()).as(step.getKey()).isFalse();
        all.addAll(step.getValue());
        Map<String, List<String>> expected;
        try (DbtLens once = DbtLens.open(tmp.resolve("once-" + n++ + ".duckdb"));
            Connection o = once.connection()) {
          once.ingest(IngestOptions.defaults().withEnvironment("prod"), all); // files in the same order
          expected = tables(o);
        }
        Map<String, List<String>> actual = tables(c);
        for (String t : TABLES) {
          assertThat(actual.get(t)).as(step.getKey() + ": store." + t).isEqualTo(expected.get(t));
        }
      }
      assertThat(tables(c).get("current_manifest")).singleElement().asString()
          .contains(id6);
      assertThat(tables(c).get("gql_node")).hasSize(187);
      // every result of that build is the last attempt of its node (jq: 140 of them passed)
      assertThat(rows(c, "SELECT count(*) FROM store.gql_node WHERE success_completed_at >= '2026-01-05'"
          + " AND last_run_status IN ('success', 'pass')")).containsExactly("140");
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  /** A copy with its invocation id replaced and, when a year is given, its generated_at moved to that year. */
  private Path copy(Path from, String dir, String oldId, String newId, String year) throws IOException {
    String text = Files.readString(from, StandardCharsets.UTF_8);
    assertThat(text).contains(oldId);
    text = text.replace(oldId, newId);
    if (year != null) {
      text = text.replace("\"generated_at\":\"2026-", "\"generated_at\":\"" + year);
    }
    Path to = tmp.resolve(dir).resolve(from.getFileName());
    Files.createDirectories(to.getParent());
    Files.writeString(to, text, StandardCharsets.UTF_8);
    return to;
  }

  /**
   * The tables' rows. Job ids are numbered per job label when an invocation first gets its ids, so
   * an invocation whose run results come in a later ingest than its manifest keeps the job id of
   * its first label, where one ingest of both gives it the results' label: current_execution's job
   * ids are compared with those the database itself holds for the invocation instead.
   */
  private static Map<String, List<String>> tables(Connection c) throws SQLException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String t : TABLES) {
      out.put(t, rows(c, "SELECT * " + (t.equals("current_execution") ? "EXCLUDE (job_id)" : "")
          + " FROM store." + t + " ORDER BY ALL"));
    }
    assertThat(rows(c, """
        SELECT count(*) FROM store.current_execution e
        JOIN store.run_ids i ON i.environment = e.environment AND i.invocation_id = e.invocation_id
        WHERE i.run_id IS DISTINCT FROM e.run_id OR i.job_id IS DISTINCT FROM e.job_id""")).containsExactly("0");
    return out;
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    return CurrentExecutionTest.rows(c, sql);
  }
}
