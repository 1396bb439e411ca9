package dev.dbtlens;

import static dev.dbtlens.RealArtifactsTest.count;
import static dev.dbtlens.RealArtifactsTest.grouped;
import static dev.dbtlens.RealArtifactsTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Tuva project's nine {@code docs/} folders (eight manifests from v2 to v11, plus one
 * run_results v6 with its catalog) form a real history. Expected values come from the jq-computed
 * {@code expected/artifacts.tsv}.
 */
class TuvaHistoryTest {
  private static final String DUMP = """
      SELECT (SELECT count(*) FROM store.artifact), (SELECT count(*) FROM store.node_def),
             (SELECT count(*) FROM store.snapshot_member), (SELECT count(*) FROM store.snapshot_edge),
             (SELECT count(*) FROM store.run_result), (SELECT count(*) FROM store.catalog_entry),
             (SELECT count(*) FROM store.catalog_column), (SELECT count(*) FROM store.compiled)""";

  private static List<Path> folders;
  private static List<ExpectedArtifact> expected;

  @BeforeAll
  static void locate() throws IOException {
    Path tuva = SharedArtifacts.file("tuva");
    try (Stream<Path> s = Files.list(tuva)) {
      folders = s.filter(Files::isDirectory).sorted().toList();
    }
    expected = ExpectedArtifact.all().stream().filter(e -> e.get("path").startsWith("tuva/")).toList();
  }

  @Test
  void invocationsAreDistinctInvocationIdsAcrossAllFiles() {
    long distinct = expected.stream().map(e -> e.get("invocation_id")).distinct().count();
    try (DbtLens lens = DbtLens.inMemory()) {
      IngestReport report = lens.ingest(IngestOptions.defaults().withEnvironment("tuva"), folders);
      assertThat(report.artifacts()).hasSize(expected.size()).allMatch(ArtifactOutcome::added);
      assertThat(report.invocationsAdded()).isEqualTo(distinct);
      assertThat(lens.invocations("tuva")).hasSize((int) distinct);
      assertThat(report.runResultsAdded()).isEqualTo(
          expected.stream().filter(e -> e.get("kind").equals("run_results")).mapToLong(e -> e.number("results")).sum());
    }
  }

  @Test
  void latestStateIsTheManifestGeneratedLastNotTheNewestVersion() throws SQLException {
    // v8 (dbt 1.4.9) was generated on 2024-02-22, after v11 (dbt 1.7.8) on 2024-02-19
    ExpectedArtifact latest = expected.stream().filter(e -> e.get("kind").equals("manifest"))
        .max(Comparator.comparing(e -> e.get("generated_at"))).orElseThrow();
    assertThat(latest.get("schema_version")).isEqualTo("manifest/v8");
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(IngestOptions.defaults(), folders);
      try (Connection c = lens.connection()) {
        assertThat(grouped(c, "SELECT resource_type, count(*) FROM nodes GROUP BY 1")).isEqualTo(latest.counts());
        assertThat(count(c, "SELECT count(*) FROM edges")).isEqualTo(latest.number("edges"));
        assertThat(text(c, "SELECT any_value(manifest_invocation_id) FROM nodes")).isEqualTo(latest.get("invocation_id"));
      }
    }
  }

  @Test
  void reIngestChangesNothingAndSaysSo() throws SQLException {
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(IngestOptions.defaults(), folders);
      List<Long> before = dump(lens);
      IngestReport again = lens.ingest(IngestOptions.defaults(), folders);
      assertThat(again.nothingAdded()).isTrue();
      assertThat(again.skipped()).isEqualTo(expected.size());
      assertThat(again.invocationsAdded()).isZero();
      assertThat(dump(lens)).isEqualTo(before);
    }
  }

  @Test
  void reverseOrderGivesTheSameLatestState() throws SQLException {
    List<Path> reversed = new ArrayList<>(folders);
    Collections.reverse(reversed);
    try (DbtLens forward = DbtLens.inMemory(); DbtLens backward = DbtLens.inMemory()) {
      folders.forEach(f -> forward.ingest(f));
      reversed.forEach(f -> backward.ingest(f));
      for (String row : List.of(
          "unique_id || ':' || def_hash || ':' || coalesce(md5(compiled_code), '') FROM nodes",
          "parent_id || '>' || child_id FROM edges",
          "unique_id || ':' || column_name || ':' || data_type FROM catalog_columns",
          "invocation_id || ':' || unique_id || ':' || status || ':' || manifest_invocation_id FROM run_results",
          "invocation_id || ':' || command || ':' || generated_at FROM invocations")) {
        String sql = "SELECT count(*) || ' rows, md5 ' || md5(string_agg(x, ',' ORDER BY x)) FROM (SELECT " + row.replace(" FROM ", " AS x FROM ") + ")";
        try (Connection f = forward.connection(); Connection b = backward.connection()) {
          assertThat(text(b, sql)).as(row).isEqualTo(text(f, sql));
        }
      }
      assertThat(dump(backward)).isEqualTo(dump(forward));
    }
  }

  /**
   * Below a size, ingest loads every stored hash and appends new definitions straight to their
   * tables; above it, it goes through staging tables. Both must store the same.
   */
  @Test
  void stagedAndDirectDefinitionWritesStoreTheSame() throws SQLException {
    String property = "dbtlens.ingest.directWriteLimit";
    try (DbtLens direct = DbtLens.inMemory(); DbtLens staged = DbtLens.inMemory()) {
      IngestReport d = direct.ingest(IngestOptions.defaults(), folders);
      IngestReport st;
      System.setProperty(property, "0");
      try {
        st = staged.ingest(IngestOptions.defaults(), folders);
      } finally {
        System.clearProperty(property);
      }
      assertThat(st.definitionsAdded()).isEqualTo(d.definitionsAdded());
      assertThat(dump(staged)).isEqualTo(dump(direct));
      String sql = "SELECT count(*) || ' ' || md5(string_agg(def_hash || unique_id || coalesce(raw_json::VARCHAR, ''),"
          + " ',' ORDER BY def_hash)) FROM store.node_def";
      try (Connection a = direct.connection(); Connection b = staged.connection()) {
        assertThat(text(b, sql)).isEqualTo(text(a, sql));
        String cols = "SELECT count(*) || ' ' || md5(string_agg(def_hash || column_name || column_index,"
            + " ',' ORDER BY def_hash, column_index)) FROM store.def_column";
        assertThat(text(b, cols)).isEqualTo(text(a, cols));
      }
    }
  }

  @Test
  void runResultsLinkToTheManifestInForceAtTheirTime() throws SQLException {
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(IngestOptions.defaults(), folders);
      try (Connection c = lens.connection()) {
        // v10: run_results (20:14:15) came from an invocation before the manifest (20:15:07); the
        // manifest in force then was v7's (2023-12-20 is later, so v9 2023-12-15? no: v6 2022-12-09)
        Map<String, Long> links = grouped(c, """
            SELECT r.invocation_id || '->' || r.manifest_invocation_id, count(*)
            FROM run_results r GROUP BY 1""");
        String v11 = "24a8ef4e-a2b9-4cc0-b622-046883b3aa98";
        String v3run = "678fb9de-84ce-42cb-843f-839b18d1953f";
        String v10run = "8939ec44-7dc0-4f29-855f-8e0cf0ea8ca1";
        String v6 = "140b075b-1c90-4acc-96c3-6caaffd51eb9";
        String v8 = "036c33a6-dec5-42bf-8ffd-47dcfaf619f8";
        String b46 = "5fdb290c-2441-41d9-a9a7-19efac01b901";
        assertThat(links.keySet()).contains(v11 + "->" + v11, v3run + "->" + v3run,
            v10run + "->" + v6, b46 + "->" + v8);
      }
    }
  }

  private static List<Long> dump(DbtLens lens) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Connection c = lens.connection(); var s = c.createStatement(); var r = s.executeQuery(DUMP)) {
      r.next();
      for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
        out.add(r.getLong(i));
      }
    }
    return out;
  }
}
