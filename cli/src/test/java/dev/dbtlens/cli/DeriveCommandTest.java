package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dbtlens ingest --no-derive}, then {@code dbtlens derive}, on the sample. */
class DeriveCommandTest {
  @TempDir Path dir;

  @Test
  void deriveCatchesUpOnWhatNoDeriveSkipped() {
    Path sample = Fixtures.sample(dir.resolve("sample"));
    Path full = dir.resolve("full.duckdb");
    Path later = dir.resolve("later.duckdb");
    assertThat(Cli.run("ingest", "--db", full.toString(), sample.toString()).exit()).isZero();
    Cli.Result ingest = Cli.run("ingest", "--db", later.toString(), "--no-derive", sample.toString());
    assertThat(ingest.exit()).as(ingest.err()).isZero();

    String edges = "SELECT count(*) FROM column_edges";
    String recs = "SELECT count(*) FROM recommendations";
    assertThat(Integer.parseInt(Cli.value(full, edges))).isGreaterThan(100);
    assertThat(Integer.parseInt(Cli.value(full, recs))).isPositive();
    assertThat(Cli.value(later, edges)).isEqualTo("0");
    assertThat(Cli.value(later, recs)).isEqualTo("0");

    Cli.Result derive = Cli.run("derive", "--db", later.toString(), "--alerts");
    assertThat(derive.exit()).as(derive.err()).isZero();
    assertThat(derive.out()).contains("Derived column lineage, recommendations and alerts of environment"
        + " 'default' in ");
    assertThat(Cli.value(later, edges)).isEqualTo(Cli.value(full, edges));
    assertThat(Cli.value(later, recs)).isEqualTo(Cli.value(full, recs));
    assertThat(Cli.value(later, "SELECT count(*) FROM alerts")).isEqualTo(Cli.value(full, "SELECT count(*) FROM alerts"));

    Cli.Result again = Cli.run("derive", "--db", later.toString());
    assertThat(again.out()).contains(": 0 new alerts.");
  }

  @Test
  void clearErrors() {
    Path sample = Fixtures.sample(dir.resolve("sample"));
    Path db = dir.resolve("lens.duckdb");
    Cli.Result both = Cli.run("ingest", "--db", db.toString(), "--no-derive", "--alerts", sample.toString());
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("--no-derive skips");
    assertThat(Cli.run("ingest", "--db", db.toString(), "--no-derive", sample.toString()).exit()).isZero();
    Cli.Result unknown = Cli.run("derive", "--db", db.toString(), "--env", "nope");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("error: Environment 'nope' not found: the database has one"
        + " environment, default.");
    assertThat(Cli.run("derive", "--db", dir.resolve("absent.duckdb").toString()).err())
        .contains("no such database file");
  }
}
