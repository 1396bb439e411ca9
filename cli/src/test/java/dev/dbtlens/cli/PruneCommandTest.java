package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dbtlens prune} on the sample (five invocations in 'default'; 003, 004 and 005 give the
 * current state its catalog and compiled code, so --keep-runs 1 removes 001 and 002).
 */
class PruneCommandTest {
  @TempDir Path dir;

  private Path sample() {
    Path db = dir.resolve("lens.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(IngestOptions.defaults(), List.of(Fixtures.sample(dir.resolve("sample"))));
    }
    return db;
  }

  @Test
  void dryRunListsAndChangesNothingThenPruneRemovesAndCompacts() throws Exception {
    Path db = sample();
    long size = Files.size(db);
    Cli.Result dry = Cli.run("prune", "--db", db.toString(), "--keep-runs", "1", "--dry-run");
    assertThat(dry.exit()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("Would remove 2 invocations:",
        "1d7b3296-40af-4787-8188-f3c08959b7ec", "c57b46a2-72fe-4b3c-b27d-034f501845b6",
        "store.run_result", "164", "store.freshness_result", "Would remove 1 node definition");
    assertThat(Files.size(db)).isEqualTo(size);
    assertThat(Cli.value(db, "SELECT count(*) FROM invocations")).isEqualTo("5");

    Cli.Result r = Cli.run("prune", "--db", db.toString(), "--env", "default", "--keep-runs", "1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Removed 2 invocations:", "Removed 1 node definition", "File: ");
    assertThat(Cli.value(db, "SELECT count(*) FROM invocations")).isEqualTo("3");
    assertThat(Cli.value(db, "SELECT count(*) FROM run_results")).isEqualTo("304");
    assertThat(Files.size(db)).isLessThan(size);

    Cli.Result again = Cli.run("prune", "--db", db.toString(), "--keep-days", "0");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("Nothing removed.");
  }

  @Test
  void exactlyOneLimitAndAKnownEnvironment() {
    Path db = sample();
    assertThat(Cli.run("prune", "--db", db.toString()).exit()).isEqualTo(2);
    assertThat(Cli.run("prune", "--db", db.toString(), "--keep-days", "1", "--keep-runs", "1").exit())
        .isEqualTo(2);
    assertThat(Cli.run("prune", "--db", db.toString(), "--keep-runs", "0").err())
        .contains("keep-runs must be 1 or more");
    Cli.Result unknown = Cli.run("prune", "--db", db.toString(), "--env", "nope", "--keep-runs", "1");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no environment 'nope'");
    assertThat(Cli.run("prune", "--db", dir.resolve("absent.duckdb").toString(), "--keep-runs", "1").err())
        .contains("no such database file");
  }
}
