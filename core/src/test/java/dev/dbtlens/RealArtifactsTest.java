package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real artifact in {@code ../shared/dbt-artifacts}, ingested alone into a fresh in-memory
 * database, stores exactly what jq counts in the file ({@code expected/artifacts.tsv}).
 */
class RealArtifactsTest {

  static Stream<Arguments> artifacts() {
    return ExpectedArtifact.all().stream().map(e -> Arguments.of(Named.of(e.toString(), e)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("artifacts")
  void storesWhatTheFileHolds(ExpectedArtifact expected) throws Exception {
    Path file = SharedArtifacts.file(expected.get("path"));
    try (DbtLens lens = DbtLens.inMemory()) {
      if (expected.preV1()) {
        assertThatThrownBy(() -> lens.ingest(file))
            .isInstanceOf(UnsupportedArtifactVersionException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("pre-v1");
        assertThat(count(lens, "SELECT count(*) FROM artifacts")).isZero();
        return;
      }
      IngestReport report = lens.ingest(file);
      assertThat(report.artifacts()).singleElement().satisfies(a -> {
        assertThat(a.added()).isTrue();
        assertThat(a.kind().sqlName()).isEqualTo(expected.get("kind"));
        assertThat(a.schemaVersion()).isEqualTo(expected.get("schema_version"));
      });
      try (Connection c = lens.connection()) {
        switch (expected.get("kind")) {
          case "manifest" -> checkManifest(c, expected);
          case "run_results" -> checkRunResults(c, expected);
          case "sources" -> checkSources(c, expected);
          case "catalog" -> checkCatalog(c, expected);
          default -> checkSemantic(c, expected);
        }
      }
      assertThat(lens.ingest(file).nothingAdded()).as("re-ingest adds nothing").isTrue();
    }
  }

  private static void checkManifest(Connection c, ExpectedArtifact e) throws Exception {
    assertThat(grouped(c, "SELECT resource_type, count(*) FROM nodes GROUP BY 1")).isEqualTo(e.counts());
    assertThat(count(c, "SELECT count(*) FROM macros")).isEqualTo(e.number("macros"));
    assertThat(count(c, "SELECT count(*) FROM edges")).isEqualTo(e.number("edges"));
    assertThat(edgesMd5(c)).isEqualTo(e.get("edges_hash"));
    if (!e.get("invocation_id").isEmpty()) {
      assertThat(count(c, "SELECT count(*) FROM invocations WHERE invocation_id = '"
          + e.get("invocation_id") + "' AND has_manifest")).isEqualTo(1);
    }
  }

  private static void checkRunResults(Connection c, ExpectedArtifact e) throws Exception {
    assertThat(grouped(c, "SELECT status, count(*) FROM run_results GROUP BY 1")).isEqualTo(e.counts());
    assertThat(count(c, "SELECT count(*) FROM run_results")).isEqualTo(e.number("results"));
    assertThat(text(c, "SELECT printf('%.3f', coalesce(sum(execution_time), 0)) FROM run_results"))
        .isEqualTo(e.get("sum_execution_time"));
    assertThat(count(c, "SELECT coalesce(sum(failures), 0) FROM run_results")).isEqualTo(e.number("failures_sum"));
  }

  private static void checkSources(Connection c, ExpectedArtifact e) throws Exception {
    assertThat(grouped(c, "SELECT status, count(*) FROM source_freshness GROUP BY 1")).isEqualTo(e.counts());
    assertThat(count(c, "SELECT count(*) FROM source_freshness")).isEqualTo(e.number("results"));
  }

  private static void checkCatalog(Connection c, ExpectedArtifact e) throws Exception {
    assertThat(count(c, "SELECT count(*) FROM catalog WHERE entry_kind = 'node'")).isEqualTo(e.number("nodes"));
    assertThat(count(c, "SELECT count(*) FROM catalog WHERE entry_kind = 'source'")).isEqualTo(e.number("sources"));
    assertThat(count(c, "SELECT count(*) FROM catalog_columns")).isEqualTo(e.number("columns"));
  }

  private static void checkSemantic(Connection c, ExpectedArtifact e) throws Exception {
    Map<String, Long> expected = new TreeMap<>(e.counts());
    expected.values().removeIf(v -> v == 0);
    assertThat(grouped(c, "SELECT entity_type, count(*) FROM semantic_manifest_entities GROUP BY 1"))
        .isEqualTo(expected);
  }

  /** md5 of the sorted, distinct {@code parent<TAB>child\n} lines, as the jq script computes it. */
  private static String edgesMd5(Connection c) throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    try (PreparedStatement s = c.prepareStatement("SELECT parent_id, child_id FROM edges");
        ResultSet r = s.executeQuery()) {
      List<String> lines = new java.util.ArrayList<>();
      while (r.next()) {
        lines.add(r.getString(1) + "\t" + r.getString(2) + "\n");
      }
      lines.stream().distinct().sorted().forEach(l -> md5.update(l.getBytes(StandardCharsets.UTF_8)));
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  static long count(DbtLens lens, String sql) throws SQLException {
    try (Connection c = lens.connection()) {
      return count(c, sql);
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  static String text(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getString(1);
    }
  }

  static Map<String, Long> grouped(Connection c, String sql) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), r.getLong(2));
      }
    }
    return out;
  }
}
