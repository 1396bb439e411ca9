package dev.dbtlens.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.DbtLensException;
import dev.dbtlens.testdata.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shop sample (jq: run_results 164 + 164 + 110 + 30 = 468 results in 4 files; sources 12 in one;
 * 5 invocations, all on 2026-01-05) exported in two steps: the second export adds only the two new
 * invocations, and every view read back from the Parquet files has the rows of the view itself.
 */
class ParquetExportTest {
  @TempDir Path tmp;

  @Test
  void exportsEveryViewIncrementallyWithAManifest() throws Exception {
    Path shop = Samples.extractShopSample(tmp.resolve("sample"));
    Path out = tmp.resolve("export");
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(shop.resolve("001-build"), shop.resolve("002-source-freshness"), shop.resolve("003-build"));
      ExportResult first = ParquetExport.export(lens, out);
      assertThat(first.exportId()).isEqualTo(1);
      assertThat(first.newInvocations()).isEqualTo(3);
      assertThat(rows(first, "run_results")).isEqualTo(328);
      assertThat(rows(first, "source_freshness")).isEqualTo(12);
      assertThat(parquetCount(out, "run_results")).isEqualTo(328);

      lens.ingest(shop.resolve("004-test"), shop.resolve("005-run"));
      ExportResult second = ParquetExport.export(lens, out);
      assertThat(second.exportId()).isEqualTo(2);
      assertThat(second.newInvocations()).isEqualTo(2);
      assertThat(rows(second, "run_results")).isEqualTo(140);
      assertThat(rows(second, "source_freshness")).isZero();
      assertThat(second.views()).filteredOn(v -> v.name().equals("run_results"))
          .singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("history");
            assertThat(v.partitionBy()).containsExactly("environment", "date");
            assertThat(v.rewritten()).isFalse();
          });
      assertThat(second.views()).filteredOn(v -> v.name().equals("nodes"))
          .singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("snapshot");
            assertThat(v.partitionBy()).containsExactly("environment");
            assertThat(v.rewritten()).isTrue();
          });
      assertThat(parquetCount(out, "run_results")).isEqualTo(468);
      assertThat(Files.isDirectory(out.resolve("run_results/environment=default/date=2026-01-05"))).isTrue();

      // every view: the Parquet files hold what the view holds, no more and no less
      try (Connection c = lens.connection(); Statement st = c.createStatement()) {
        for (ViewExport v : second.views()) {
          long inView = count(st, "SELECT count(*) FROM \"" + v.name() + "\"");
          long inFiles = inView == 0 ? 0 : parquetCount(out, v.name());
          assertThat(inFiles).as(v.name()).isEqualTo(inView);
        }
        assertThat(count(st, "SELECT count(*) FROM read_parquet('" + out + "/run_results/**/*.parquet',"
            + " hive_partitioning = true) WHERE status = 'error'"))
            .isEqualTo(count(st, "SELECT count(*) FROM run_results WHERE status = 'error'"));
      }

      // a third export with nothing new appends nothing
      ExportResult third = ParquetExport.export(lens, out);
      assertThat(third.newInvocations()).isZero();
      assertThat(parquetCount(out, "run_results")).isEqualTo(468);
    }

    JsonNode manifest = new ObjectMapper().readTree(out.resolve("_dbtlens/manifest.json").toFile());
    assertThat(manifest.path("export_id").asInt()).isEqualTo(3);
    assertThat(manifest.path("exports")).hasSize(3);
    List<String> names = new ArrayList<>();
    manifest.path("views").forEach(v -> names.add(v.path("name").asText()));
    assertThat(names).contains("environments", "invocations", "nodes", "edges", "run_results",
        "source_freshness", "columns", "manifest_nodes", "catalog", "artifacts");
    JsonNode runResults = null;
    for (JsonNode v : manifest.path("views")) {
      if (v.path("name").asText().equals("run_results")) {
        runResults = v;
      }
    }
    assertThat(runResults.path("incremental_key").asText()).isEqualTo("invocation_id");
    assertThat(runResults.path("columns").toString()).contains("{\"name\":\"execution_time\",\"type\":\"DOUBLE\"}");
  }

  @Test
  void anUnfinishedExportIsUndoneByTheNext() throws Exception {
    Path shop = Samples.extractShopSample(tmp.resolve("sample"));
    Path out = tmp.resolve("export");
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(shop.resolve("001-build"));
      ParquetExport.export(lens, out);
      // what a crash in export 2 would leave: a data file and a pending state file
      Path stray = out.resolve("run_results/environment=default/date=2026-01-05/export-2-deadbeef.parquet");
      Files.copy(onlyFile(out.resolve("run_results")), stray);
      Files.writeString(out.resolve("_dbtlens/invocations/pending-2.parquet"), "x");
      ExportResult again = ParquetExport.export(lens, out);
      assertThat(again.exportId()).isEqualTo(2);
      assertThat(Files.exists(out.resolve("_dbtlens/invocations/pending-2.parquet"))).isFalse();
      assertThat(parquetCount(out, "run_results")).isEqualTo(164);
    }
  }

  @Test
  void refusesADirectoryThatIsNotAnExport() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(out.resolve("notes.txt"), "mine");
    try (DbtLens lens = DbtLens.inMemory()) {
      assertThatThrownBy(() -> ParquetExport.export(lens, out))
          .isInstanceOf(DbtLensException.class).hasMessageContaining("not a dbtlens export").hasMessageContaining("notes.txt");
    }
  }

  private static Path onlyFile(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
  }

  private static long rows(ExportResult r, String view) {
    return r.views().stream().filter(v -> v.name().equals(view)).findFirst().orElseThrow().rowsWritten();
  }

  static long parquetCount(Path out, String view) throws SQLException {
    try (DbtLens scratch = DbtLens.inMemory(); Connection c = scratch.connection(); Statement st = c.createStatement()) {
      return count(st, "SELECT count(*) FROM read_parquet('" + out.resolve(view) + "/**/*.parquet', hive_partitioning = true)");
    }
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
