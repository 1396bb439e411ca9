package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dbtlens report} and {@code dbtlens export}: what they print, and their usage errors. */
class ReportExportCommandsTest {
  @TempDir Path tmp;

  @Test
  void reportAndExportTheSample() throws Exception {
    Path db = tmp.resolve("lens.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(IngestOptions.defaults(), List.of(Fixtures.sample(tmp.resolve("sample"))));
    }
    Cli.Result r = Cli.run("report", "--db", db.toString(), "--out", tmp.resolve("r.html").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("environment default, 191 nodes (75 in the lineage graph), 5 invocations");
    assertThat(Files.size(tmp.resolve("r.html"))).isGreaterThan(1_000_000);

    Cli.Result e = Cli.run("export", "--db", db.toString(), "--format", "parquet", "--out", tmp.resolve("x").toString());
    assertThat(e.exit()).as(e.err()).isZero();
    // jq: 164 + 164 + 110 + 30 run results
    assertThat(e.out()).containsPattern("run_results +history +468 rows").contains("export 1 to ", "5 new invocations");
    Cli.Result again = Cli.run("export", "--db", db.toString(), "--out", tmp.resolve("x").toString());
    assertThat(again.out()).containsPattern("run_results +history +0 rows appended").contains("export 2 to ", "0 new invocations");
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Cli.Result noDb = Cli.run("report", "--db", tmp.resolve("none.duckdb").toString());
    assertThat(noDb.exit()).isEqualTo(2);
    assertThat(noDb.err()).contains("no database at");
    Path db = tmp.resolve("lens.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(IngestOptions.defaults(), List.of(Fixtures.sample(tmp.resolve("sample")).resolve("001-build")));
    }
    Cli.Result csv = Cli.run("export", "--db", db.toString(), "--format", "csv", "--out", tmp.resolve("x").toString());
    assertThat(csv.exit()).isEqualTo(2);
    assertThat(csv.err()).contains("--format csv is not supported");
    Files.writeString(tmp.resolve("file"), "x");
    Cli.Result file = Cli.run("export", "--db", db.toString(), "--out", tmp.resolve("file").toString());
    assertThat(file.exit()).isEqualTo(2);
    Cli.Result env = Cli.run("report", "--db", db.toString(), "--env", "qa", "--out", tmp.resolve("r.html").toString());
    assertThat(env.exit()).isNotZero();
    assertThat(env.err()).contains("qa");
  }
}
