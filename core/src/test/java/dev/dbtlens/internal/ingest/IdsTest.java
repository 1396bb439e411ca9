package dev.dbtlens.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbtlens.DbtLens;
import dev.dbtlens.DbtLensException;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.internal.store.Store;
import dev.dbtlens.testdata.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numeric environment, job and run ids: given, read from the environment or artifacts, or assigned. */
class IdsTest {
  /** The sample's invocations in folder order (testdata/sample/shop/index.txt) and their commands. */
  private static final List<String> SAMPLE_RUNS = List.of(
      "1d7b3296-40af-4787-8188-f3c08959b7ec build 1 1",
      "c57b46a2-72fe-4b3c-b27d-034f501845b6 source freshness 2 2",
      "5c591fe3-0e21-4e2f-bee4-cb7d8dfa5063 build 3 1",
      "417d399f-2653-4373-827c-e266e574f70c test 4 3",
      "6a24778b-c1b6-4dda-91b8-845217a6c4b8 run 5 4");

  @TempDir Path tmp;
  private Path shop;

  @BeforeEach
  void extractSample() {
    shop = Samples.extractShopSample(tmp.resolve("sample"));
  }

  @Test
  void assignedInIngestionOrderWithOneJobIdPerLabel() throws SQLException {
    try (Store store = Store.open(null, false)) {
      new Ingester(store, Map.of()).ingest(IngestOptions.defaults(), List.of(shop));
      assertThat(rows(store, "SELECT environment, environment_id FROM environments"))
          .containsExactly("default 1");
      assertThat(rows(store, "SELECT invocation_id, job, run_id, job_id FROM invocations ORDER BY run_id"))
          .containsExactlyElementsOf(SAMPLE_RUNS);
      new Ingester(store, Map.of()).ingest(IngestOptions.defaults().withEnvironment("ci"),
          List.of(shop.resolve("005-run")));
      assertThat(rows(store, "SELECT environment_id, run_id, job_id FROM invocations"
          + " WHERE environment = 'ci'")).containsExactly("2 6 5");
    }
  }

  @Test
  void optionsWinAndConflictsFailWithNothingWritten() throws SQLException {
    try (Store store = Store.open(null, false)) {
      Ingester ingester = new Ingester(store, Map.of("DBT_CLOUD_RUN_ID", "5"));
      ingester.ingest(IngestOptions.defaults().withIds(42L, 7L, 1000L), List.of(shop.resolve("001-build")));
      assertThat(rows(store, "SELECT environment_id, job_id, run_id FROM invocations"))
          .containsExactly("42 7 1000");

      assertThatThrownBy(() -> ingester.ingest(IngestOptions.defaults().withIds(5L, null, null),
          List.of(shop.resolve("003-build"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("environment 'default' already has id 42; the id 5 from --env-id was not used");
      assertThatThrownBy(() -> ingester.ingest(IngestOptions.defaults().withIds(null, null, 1000L),
          List.of(shop.resolve("003-build"))))
          .hasMessage("run id 1000 from --run-id already belongs to invocation"
              + " 1d7b3296-40af-4787-8188-f3c08959b7ec");
      assertThatThrownBy(() -> ingester.ingest(IngestOptions.defaults().withIds(null, null, 2000L),
          List.of(shop.resolve("003-build"), shop.resolve("004-test"))))
          .hasMessageStartingWith("a run id (2000 from --run-id) names one run, but 2 invocations need ids");
      assertThat(rows(store, "SELECT count(*) FROM invocations")).containsExactly("1");
    }
  }

  @Test
  void processEnvironmentNamesOneRunAndIsIgnoredWithAWarningForMany() throws SQLException {
    try (Store store = Store.open(null, false)) {
      Map<String, String> ci = Map.of("DBT_CLOUD_ENVIRONMENT_ID", "9", "DBT_JOB_ID", "31",
          "GITHUB_RUN_ID", "123456789012");
      new Ingester(store, ci).ingest(IngestOptions.defaults(), List.of(shop.resolve("001-build")));
      var report = new Ingester(store, ci).ingest(IngestOptions.defaults(),
          List.of(shop.resolve("003-build"), shop.resolve("004-test")));
      assertThat(rows(store, "SELECT environment_id, job_id, run_id FROM invocations ORDER BY run_id"))
          .containsExactly("9 31 123456789012", "9 31 123456789013", "9 31 123456789014");
      assertThat(report.warnings()).containsExactly("a run id (123456789012 from the process"
          + " environment) names one run, but 2 invocations need ids; assigning run ids instead");
    }
  }

  @Test
  void artifactsMetadataEnvNamesEachInvocationsIds() throws IOException, SQLException {
    Path dir = Files.createDirectories(tmp.resolve("custom-env"));
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode results = (ObjectNode) mapper.readTree(shop.resolve("005-run/run_results.json").toFile());
    ((ObjectNode) results.get("metadata")).putObject("env")
        .put("DBT_CLOUD_JOB_ID", "900").put("DBT_CLOUD_RUN_ID", "901").put("DBT_CLOUD_ENVIRONMENT_ID", "x");
    mapper.writeValue(dir.resolve("run_results.json").toFile(), results);
    try (Store store = Store.open(null, false)) {
      var report = new Ingester(store, Map.of()).ingest(IngestOptions.defaults(), List.of(dir));
      assertThat(rows(store, "SELECT environment_id, job_id, run_id FROM invocations"))
          .containsExactly("1 900 901");
      assertThat(report.warnings()).containsExactly(
          "DBT_CLOUD_ENVIRONMENT_ID=x in the artifacts' metadata.env is not a positive number: ignored");
    }
  }

  @Test
  void aVersionOneDatabaseIsMigratedWithTheIdsAFreshIngestAssigns() throws SQLException {
    Path file = tmp.resolve("v1.duckdb");
    try (DbtLens lens = DbtLens.open(file); Connection c = lens.connection(); Statement s = c.createStatement()) {
      lens.ingest(IngestOptions.defaults(), List.of(shop));
      setBackToVersionOne(s);
    }
    assertThatThrownBy(() -> DbtLens.openReadOnly(file))
        .isInstanceOf(DbtLensException.class)
        .hasMessageContaining("was written by an older dbtlens (schema version 1); open it once for writing");
    try (DbtLens lens = DbtLens.open(file)) {
      assertThat(lens.schemaVersion()).isEqualTo(DbtLens.SCHEMA_VERSION);
    }
    try (Store store = Store.open(file, true)) {
      assertThat(rows(store, "SELECT invocation_id, job, run_id, job_id FROM invocations ORDER BY run_id"))
          .containsExactlyElementsOf(SAMPLE_RUNS);
      assertThat(rows(store, "SELECT count(*) FROM store.current_execution")).containsExactly("329");
    }
  }

  /**
   * Drops every table and sequence of the {@code store} schema that schema-v1.sql does not create,
   * and the columns later versions added to its tables.
   */
  private static void setBackToVersionOne(Statement s) throws SQLException {
    String v1;
    try (var in = Store.class.getResourceAsStream("schema-v1.sql")) {
      v1 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<String> drops = new ArrayList<>();
    try (ResultSet r = s.executeQuery("SELECT 'TABLE', table_name FROM duckdb_tables() WHERE schema_name = 'store'"
        + " UNION ALL SELECT 'SEQUENCE', sequence_name FROM duckdb_sequences() WHERE schema_name = 'store' ORDER BY 1 DESC")) {
      while (r.next()) {
        if (!v1.contains("CREATE " + r.getString(1) + " store." + r.getString(2) + " ")) {
          drops.add("DROP " + r.getString(1) + " store." + r.getString(2));
        }
      }
    }
    assertThat(drops).contains("DROP TABLE store.run_ids", "DROP TABLE store.current_execution");
    for (String drop : drops) {
      s.execute(drop);
    }
    for (String table : List.of("snapshot_member", "stage_member")) { // the columns of schema v4
      s.execute("ALTER TABLE store." + table + " DROP COLUMN source_key_hi");
      s.execute("ALTER TABLE store." + table + " DROP COLUMN source_key_lo");
    }
    s.execute("UPDATE store.meta SET value = '1' WHERE key = 'schema_version'");
  }

  private static List<String> rows(Store store, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = store.duplicate(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(r.getString(i));
        }
        out.add(String.join(" ", cells));
      }
    }
    return out;
  }
}
