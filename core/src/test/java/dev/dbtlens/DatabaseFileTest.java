package dev.dbtlens;

import static dev.dbtlens.RealArtifactsTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link DbtLens#open} accepts as a database file, and when an ingest's data is in it. */
class DatabaseFileTest {
  private static final String RUN_RESULTS = "dbt-artifacts-parser/run_results/v6/jaffle_shop/run_results.json";

  @TempDir Path tmp;

  @Test
  void aJsonOrCsvFileIsRefusedAsADatabaseAndLeftUntouched() throws Exception {
    Path json = Files.writeString(tmp.resolve("m.json"), "{\"a\": 1}\n");
    Path csv = Files.writeString(tmp.resolve("b.csv"), "a,b\n1,2\n");
    for (Path file : new Path[] {json, csv}) {
      byte[] before = Files.readAllBytes(file);
      assertThatThrownBy(() -> DbtLens.open(file))
          .isInstanceOf(NotADatabaseException.class)
          .hasMessage("Cannot open " + file + ": not a DuckDB database (a DuckDB file carries"
              + " \"DUCK\" at byte 8); give a new file name or an existing dbtlens database");
      assertThatThrownBy(() -> DbtLens.openReadOnly(file)).isInstanceOf(NotADatabaseException.class);
      assertThat(Files.readAllBytes(file)).isEqualTo(before);
      assertThat(tmp.resolve(file.getFileName() + ".wal")).doesNotExist();
    }
  }

  @Test
  void aFolderIsRefusedAsADatabase() {
    assertThatThrownBy(() -> DbtLens.open(tmp))
        .isInstanceOf(NotADatabaseException.class)
        .hasMessageContaining(tmp + ": a folder, not a DuckDB database");
  }

  @Test
  void anEmptyOrAbsentFileIsANewDatabase() throws Exception {
    Path empty = Files.createFile(tmp.resolve("empty.duckdb"));
    try (DbtLens lens = DbtLens.open(empty)) {
      assertThat(lens.schemaVersion()).isEqualTo(DbtLens.SCHEMA_VERSION);
    }
    try (DbtLens lens = DbtLens.open(tmp.resolve("new.duckdb"))) {
      assertThat(lens.schemaVersion()).isEqualTo(DbtLens.SCHEMA_VERSION);
    }
  }

  @Test
  void whenIngestReturnsItsDataIsInTheDatabaseFileNotOnlyInTheWal() throws Exception {
    Path db = tmp.resolve("durable.duckdb");
    Path copy = tmp.resolve("copy.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      IngestReport r = lens.ingest(SharedArtifacts.file(RUN_RESULTS));
      assertThat(r.runResultsAdded()).isEqualTo(61);
      // what a crash right now would leave: the database file without its write-ahead log
      Files.copy(db, copy);
    }
    try (DbtLens lens = DbtLens.openReadOnly(copy)) {
      assertThat(count(lens, "SELECT count(*) FROM run_results")).isEqualTo(61);
    }
  }
}
