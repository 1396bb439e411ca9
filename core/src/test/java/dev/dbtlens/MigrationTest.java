package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbtlens.testdata.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by an earlier release (the bundled sample ingested into environment {@code
 * prod}: schema version 2 by commit d9121f9, schema version 3 by commit 413bd10; {@code
 * scripts/make-migration-database.sh COMMIT VERSION}) opens with this release, is upgraded in place to
 * the current schema and answers every public view as a fresh ingest of the same sample does.
 */
class MigrationTest {
  /** The committed files, relative to the core module (Maven runs tests there). */
  /** The sample as the release before schema version {@code version + 1} wrote it (testdata/migration). */
  static Path shop(int version) {
    return Path.of("..", "testdata", "migration", "v" + version + "-shop.duckdb.gz");
  }

  /**
   * Every public view, without what differs between two ingests of the same files: when they were
   * ingested and where the files were.
   */
  static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put("environments", "SELECT * EXCLUDE (last_ingested_at) FROM environments");
    QUERIES.put("invocations", "SELECT * EXCLUDE (ingested_at) FROM invocations");
    QUERIES.put("artifacts", "SELECT * EXCLUDE (ingested_at, file_path) FROM artifacts");
    QUERIES.put("nodes", "SELECT * FROM nodes");
    QUERIES.put("macros", "SELECT * FROM macros");
    QUERIES.put("edges", "SELECT * FROM edges");
    QUERIES.put("manifest_nodes", "SELECT * FROM manifest_nodes");
    QUERIES.put("columns", "SELECT * FROM columns");
    QUERIES.put("catalog", "SELECT * FROM catalog");
    QUERIES.put("catalog_columns", "SELECT * FROM catalog_columns");
    QUERIES.put("run_results", "SELECT * FROM run_results");
    QUERIES.put("source_freshness", "SELECT * FROM source_freshness");
    QUERIES.put("upstream", "SELECT * FROM upstream('model.shop.fct_events')");
    QUERIES.put("current_execution", "SELECT * FROM store.current_execution");
  }

  @TempDir Path tmp;

  @ParameterizedTest(name = "schema version {0}")
  @ValueSource(ints = {2, 3, 4})
  void earlierReleaseDatabaseUpgradesInPlaceAndAnswersLikeAFreshIngest(int version) throws Exception {
    Path old = unpack(shop(version), tmp.resolve("v" + version + ".duckdb"));
    assertThatThrownBy(() -> DbtLens.openReadOnly(old).close())
        .hasMessageContaining("schema version " + version)
        .hasMessageContaining("open it once for writing");

    Map<String, List<String>> upgraded;
    try (DbtLens lens = DbtLens.open(old); Connection c = lens.connection()) {
      assertThat(lens.schemaVersion()).isEqualTo(DbtLens.SCHEMA_VERSION).isEqualTo(5);
      assertThat(rows(c, "SELECT value FROM dbtlens_info WHERE key = 'schema_version'"))
          .containsExactly("5");
      upgraded = answers(c);
      // the sample's facts (testdata/sample/README.md), read from the upgraded file
      assertThat(rows(c, "SELECT resource_type || '=' || count(*) FROM nodes GROUP BY resource_type ORDER BY 1"))
          .contains("model=50", "test=111", "source=16", "seed=4", "snapshot=2", "exposure=3");
      assertThat(rows(c, "SELECT count(*) FROM run_results")).containsExactly("468");
      assertThat(rows(c, "SELECT count(*) FROM source_freshness")).containsExactly("12");
      assertThat(rows(c, "SELECT count(*) FROM invocations")).containsExactly("5");
      assertThat(rows(c, "SELECT count(*) FROM upstream('model.shop.fct_events')")).containsExactly("31");
      assertThat(lens.nodes("prod")).hasSize(rowsInt(c, "SELECT count(*) FROM nodes"));
      assertThat(lens.lineage("prod").select(Selection.of("+fct_events")))
          .filteredOn(id -> !id.toString().startsWith("test.")).hasSize(32); // 31 ancestors (python)

      // ingesting the same files again finds them already there (the file hashes survived)
      IngestReport again = lens.ingest(IngestOptions.defaults().withEnvironment("prod"),
          List.of(Samples.extractShopSample(tmp.resolve("again"))));
      assertThat(again.nothingAdded()).isTrue();
      assertThat(again.skipped()).isEqualTo(12);
      // the alerts' windows (schema version 5) are filled by the first derivation after the upgrade:
      // one per node with a result that is not skipped
      lens.derive("prod", ProgressListener.NONE);
      assertThat(rows(c, "SELECT count(*) FROM store.alert_window"))
          .isEqualTo(rows(c, "SELECT count(DISTINCT unique_id) FROM store.run_result WHERE status <> 'skipped'"))
          .doesNotContain("0");
    }
    // the upgrade was written to the file: it now opens read-only
    try (DbtLens lens = DbtLens.openReadOnly(old)) {
      assertThat(lens.schemaVersion()).isEqualTo(5);
      assertThat(lens.environments()).containsExactly("prod");
    }

    Map<String, List<String>> fresh;
    try (DbtLens lens = DbtLens.open(tmp.resolve("fresh.duckdb")); Connection c = lens.connection()) {
      lens.ingest(IngestOptions.defaults().withEnvironment("prod"),
          List.of(Samples.extractShopSample(tmp.resolve("fresh"))));
      fresh = answers(c);
    }
    for (String view : QUERIES.keySet()) {
      assertThat(upgraded.get(view)).as(view).isNotEmpty().isEqualTo(fresh.get(view));
    }
  }

  @Test
  void upgradedDatabaseTakesNewDefinitionsBesideTheOldOnes() throws Exception {
    Path old = unpack(shop(2), tmp.resolve("v2.duckdb"));
    Path shop = Samples.extractShopSample(tmp.resolve("sample"));
    try (DbtLens lens = DbtLens.open(old); Connection c = lens.connection()) {
      // a second environment of the same files shares every stored definition: none is added
      IngestReport report = lens.ingest(IngestOptions.defaults().withEnvironment("staging"),
          List.of(shop));
      assertThat(report.artifacts()).hasSize(12).allMatch(ArtifactOutcome::added);
      assertThat(report.definitionsAdded()).isEqualTo(284);
      assertThat(rows(c, "SELECT count(*) FROM store.node_def")).containsExactly("284");
      assertThat(rows(c, "SELECT environment || '=' || count(*) FROM nodes GROUP BY environment ORDER BY 1"))
          .containsExactly("prod=" + rowsInt(c, "SELECT count(*) FROM nodes WHERE environment = 'staging'"),
              "staging=" + rowsInt(c, "SELECT count(*) FROM nodes WHERE environment = 'prod'"));
    }
  }

  /**
   * Members stored before schema version 4 have no source keys: the next ingest of the same
   * manifest content (a re-run) gives them theirs, so the re-run after it is recognised by them.
   */
  @Test
  void rerunGivesMembersStoredBeforeVersion4TheirKeys() throws Exception {
    Path old = unpack(shop(3), tmp.resolve("v3.duckdb"));
    Path manifest = Samples.extractShopSample(tmp.resolve("sample")).resolve("001-build").resolve("manifest.json");
    Path rerun = Files.createDirectories(tmp.resolve("rerun")).resolve("manifest.json");
    Files.writeString(rerun, Files.readString(manifest)
        .replaceFirst("\"invocation_id\":\"[^\"]*\"", "\"invocation_id\":\"rerun-1\"")
        .replaceFirst("\"generated_at\":\"[^\"]*\"", "\"generated_at\":\"2030-01-01T00:00:00Z\""));
    String keyed = "SELECT count(*) FROM store.snapshot_member WHERE source_key_hi IS NOT NULL";
    try (DbtLens lens = DbtLens.open(old); Connection c = lens.connection()) {
      assertThat(rows(c, keyed)).containsExactly("0");
      IngestReport report = lens.ingest(IngestOptions.defaults().withEnvironment("prod"), List.of(rerun));
      assertThat(report.artifacts()).allMatch(ArtifactOutcome::added);
      assertThat(report.definitionsAdded()).isZero();
      assertThat(rows(c, keyed)).containsExactly("278"); // the build's entries, counted with jq
      assertThat(rows(c, "SELECT count(DISTINCT snapshot_id) FROM store.snapshot_member"
          + " WHERE source_key_hi IS NOT NULL")).containsExactly("1");
    }
  }

  static Path unpack(Path gz, Path to) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      Files.copy(in, to);
    }
    return to;
  }

  static Map<String, List<String>> answers(Connection c) throws SQLException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> q : QUERIES.entrySet()) {
      out.put(q.getKey(), rows(c, q.getValue() + " ORDER BY ALL"));
    }
    return out;
  }

  static int rowsInt(Connection c, String sql) throws SQLException {
    return Integer.parseInt(rows(c, sql).get(0));
  }

  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      ResultSetMetaData md = r.getMetaData();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.append(i > 1 ? "|" : "").append(r.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
