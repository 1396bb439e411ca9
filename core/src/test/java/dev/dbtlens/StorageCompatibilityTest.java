package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database file opens in the DuckDB a notebook user already has: a separate JVM with the oldest
 * supported duckdb_jdbc ({@code duckdb.compat.version} in the parent POM, copied by the build)
 * reads every public view of a file this build wrote.
 */
class StorageCompatibilityTest {
  private static final List<String> QUERIES = List.of(
      "SELECT value FROM dbtlens_info WHERE key = 'schema_version'",
      "SELECT count(*) FROM invocations",
      "SELECT count(*) || '/' || count(compiled_code) FROM nodes",
      // the zstd-compressed text columns (schema-v1.sql, v3-gql.sql), read whole
      "SELECT sum(length(raw_json)) || '/' || sum(length(raw_code)) || '/' || sum(length(compiled_code))"
          + " || '/' || sum(length(description)) || '/' || sum(length(config::VARCHAR)) FROM nodes",
      "SELECT sum(length(description)) || '/' || sum(length(config::VARCHAR)) FROM store.gql_node",
      "SELECT count(*) FROM edges",
      "SELECT count(*) FROM columns",
      "SELECT count(*) FROM macros",
      "SELECT count(*) || '/' || sum(row_count) FROM catalog",
      "SELECT count(*) FROM catalog_columns",
      "SELECT count(*) || '/' || count(DISTINCT manifest_invocation_id) FROM run_results",
      "SELECT count(*) FROM source_freshness",
      "SELECT count(*) FROM upstream('model.the_tuva_project.cms_hcc__patient_risk_scores')",
      "SELECT count(*) FROM downstream('model.the_tuva_project.cms_hcc__int_members', 1)",
      "SELECT version()");

  @TempDir Path tmp;

  @Test
  void anOlderDuckDbReadsEveryViewOfAFileWeWrote() throws Exception {
    Path db = tmp.resolve("lens.duckdb");
    List<String> expected = new ArrayList<>();
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(SharedArtifacts.file("tuva/manifest-v11_dbt-1.7.8_41072bf5"),
          SharedArtifacts.file("tuva/manifest-v10_dbt-1.6.2_eaefdca8"),
          SharedArtifacts.file("dbt-fusion_e-elikem+dbt_fundamentals"));
      try (Connection c = lens.connection()) {
        for (String q : QUERIES.subList(0, QUERIES.size() - 1)) {
          expected.add(RealArtifactsTest.text(c, q));
        }
      }
    }
    String compatVersion = System.getProperty("dbtlens.compatVersion", "1.2.2.0");
    expected.add("v" + compatVersion.substring(0, compatVersion.lastIndexOf('.')));
    assertThat(runOldDuckDb(db)).isEqualTo(expected);
  }

  @Test
  void aSecondWriterIsToldTheFileIsLocked() throws Exception {
    Path db = tmp.resolve("locked.duckdb");
    try (DbtLens writer = DbtLens.open(db)) {
      writer.ingest(SharedArtifacts.file("dbt-fusion_e-elikem+dbt_fundamentals"));
      Process other = javaWithOldDuckDb(db, List.of("SELECT count(*) FROM nodes"));
      String err = new String(other.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(other.exitValue()).isNotZero();
      assertThat(err).containsIgnoringCase("lock");
    }
    try (DbtLens reader = DbtLens.openReadOnly(db)) {
      assertThat(reader.nodes("default")).isNotEmpty();
      assertThatThrownBy(() -> reader.ingest(SharedArtifacts.file("tuva/manifest-v11_dbt-1.7.8_41072bf5")))
          .isInstanceOf(DbtLensException.class).hasMessageContaining("read-only");
    }
  }

  private List<String> runOldDuckDb(Path db) throws Exception {
    Process p = javaWithOldDuckDb(db, QUERIES);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    return out.lines().toList();
  }

  private Process javaWithOldDuckDb(Path db, List<String> queries) throws IOException {
    Path jar = Path.of(System.getProperty("dbtlens.compatJar", "target/compat/duckdb_jdbc-compat.jar"));
    assertThat(jar).as("the build copies the compat driver (mvn generate-test-resources)").exists();
    Path probe = tmp.resolve("CompatProbe.java");
    try (InputStream in = getClass().getResourceAsStream("CompatProbe.java.txt")) {
      Files.write(probe, in.readAllBytes());
    }
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", jar.toAbsolutePath().toString(), probe.toString(), db.toString()));
    cmd.addAll(queries);
    return new ProcessBuilder(cmd).start();
  }
}
