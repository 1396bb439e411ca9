package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.LockHolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ingest refuses before it writes, and what it promises when it says "Added". */
class IngestSafetyTest {
  @TempDir Path dir;

  @Test
  void aJsonOrCsvFileGivenAsTheDatabaseIsRefusedWithExit2AndLeftUntouched() throws Exception {
    Path folder = Fixtures.invocationFolders(Fixtures.sample(dir.resolve("sample"))).get(0);
    Path json = Files.writeString(dir.resolve("m.json"), "{\"a\": 1}\n");
    Path csv = Files.writeString(dir.resolve("b.csv"), "a,b\n1,2\n");
    for (Path db : new Path[] {json, csv}) {
      String before = Files.readString(db);

      Cli.Result ingest = Cli.run("ingest", "--db", db.toString(), folder.toString());
      Cli.Result sql = Cli.run("sql", "--db", db.toString(), "SELECT 1");

      assertThat(ingest.exit()).isEqualTo(2);
      assertThat(ingest.out()).doesNotContain("Added");
      assertThat(ingest.errLines()).first().asString()
          .isEqualTo("error: Cannot open " + db + ": not a DuckDB database (a DuckDB file carries \"DUCK\""
              + " at byte 8); give a new file name or an existing dbtlens database");
      assertThat(sql.exit()).isEqualTo(2);
      assertThat(sql.err()).contains("Cannot open " + db + ": not a DuckDB database");
      assertThat(Files.readString(db)).isEqualTo(before);
    }
  }

  @Test
  void aGeneratedProjectIngestedBesideTheDemoConflictsWithNothing() {
    String db = dir.resolve("demo.duckdb").toString();
    Path generated = dir.resolve("generated");
    assertThat(Cli.run("demo", "--db", db).exit()).isZero();
    assertThat(Cli.run("generate", "--models", "20", "--invocations", "5", "--out", generated.toString()).exit())
        .isZero();
    long demoInvocations = Long.parseLong(Cli.value(Path.of(db), "SELECT count(*) FROM invocations"));

    Cli.Result r = Cli.run("ingest", "--db", db, generated.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Cli.tableRows(r.out())).isNotEmpty().allMatch(line -> line.startsWith("added "));
    assertThat(r.out()).contains("Added to environment 'default'", "5 invocations");
    assertThat(Cli.value(Path.of(db), "SELECT count(*) FROM invocations")).isEqualTo(String.valueOf(demoInvocations + 5));
  }

  @Test
  void aConflictingFileFailsTheIngestWithExit1UnlessConflictsAreAllowed() throws Exception {
    Path folder = Fixtures.invocationFolders(Fixtures.sample(dir.resolve("sample"))).get(0);
    Path edited = Files.createDirectories(dir.resolve("edited")).resolve("run_results.json");
    Files.writeString(edited, Files.readString(folder.resolve("run_results.json"))
        .replaceFirst("\"elapsed_time\":\\s*[0-9.]+", "\"elapsed_time\":1.5"));
    Path manifest = folder.resolve("manifest.json");
    String db = dir.resolve("conflict.duckdb").toString();
    assertThat(Cli.run("ingest", "--db", db, folder.resolve("run_results.json").toString()).exit()).isZero();
    String invocation = Cli.value(Path.of(db), "SELECT invocation_id FROM invocations");

    Cli.Result refused = Cli.run("ingest", "--db", db, manifest.toString(), edited.toString());
    Cli.Result allowed = Cli.run("ingest", "--db", db, "--allow-conflicts", manifest.toString(), edited.toString());

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.out()).doesNotContain("Added");
    assertThat(refused.errLines()).containsExactly(
        "error: conflict: " + edited.toAbsolutePath() + ": environment 'default' already holds a different"
            + " run_results for invocation " + invocation + " (from " + folder.resolve("run_results.json").toAbsolutePath() + ")",
        "Nothing was written to " + db + ": 1 file conflicts with what environment 'default' holds. Ingest them"
            + " into another --env, or pass --allow-conflicts to skip them and add the rest.");
    assertThat(allowed.exit()).as(allowed.err()).isZero();
    assertThat(Cli.tableRows(allowed.out())).extracting(line -> line.substring(0, line.indexOf("  ")))
        .containsExactly("added", "conflict");
    assertThat(allowed.out()).contains("; 0 files skipped (already ingested), 1 conflict skipped (--allow-conflicts).");
    assertThat(allowed.errLines()).singleElement().asString().startsWith("warning: " + edited.toAbsolutePath());
    assertThat(Cli.value(Path.of(db), "SELECT count(*) FROM artifacts")).isEqualTo("2");
  }

  @Test
  void aMemoryLimitOrThreadCountDuckDbWouldRefuseIsAUsageError() {
    Path folder = Fixtures.invocationFolders(Fixtures.sample(dir.resolve("sample"))).get(0);
    Path db = dir.resolve("options.duckdb");

    Cli.Result lots = Cli.run("ingest", "--db", db.toString(), "--memory-limit", "lots", folder.toString());
    Cli.Result bare = Cli.run("ingest", "--db", db.toString(), "--memory-limit", "1000", folder.toString());
    Cli.Result zero = Cli.run("ingest", "--db", db.toString(), "--threads", "0", folder.toString());

    assertThat(lots.exit()).isEqualTo(2);
    assertThat(lots.errLines()).first().asString().isEqualTo(
        "error: --memory-limit: 'lots' is not a size such as 2GB, 512MB, 1.5GiB or 50% (of RAM)");
    assertThat(bare.exit()).isEqualTo(2);
    assertThat(bare.err()).contains("'1000' is not a size");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.errLines()).first().asString().isEqualTo("error: --threads must be 1 or more, not 0");
    assertThat(db).doesNotExist();
    assertThat(System.getProperty(dev.dbtlens.DbtLens.MEMORY_LIMIT_PROPERTY)).isNull();
  }

  @Test
  void waitRetriesWhileAnotherProcessHoldsTheDatabaseAndSaysWhatItWaitsFor() throws Exception {
    Path folder = Fixtures.invocationFolders(Fixtures.sample(dir.resolve("sample"))).get(0);
    Path db = dir.resolve("held.duckdb");
    Cli.Result waited;
    long pid;
    try (LockHolder other = LockHolder.hold(db, 2)) {
      pid = other.pid();
      waited = Cli.run("ingest", "--db", db.toString(), "--wait", "60", folder.toString());
    }

    assertThat(waited.exit()).as(waited.err()).isZero();
    assertThat(waited.errLines()).first().asString()
        .startsWith("waiting up to 60 s for " + db + ": another process (PID " + pid + ", ")
        .endsWith(") has it open");
    assertThat(waited.out()).contains("Added to environment 'default'");
  }

  @Test
  void withoutWaitOrPastTheDeadlineALockedDatabaseIsAFailureNamingTheOtherProcess() throws Exception {
    Path folder = Fixtures.invocationFolders(Fixtures.sample(dir.resolve("sample"))).get(0);
    Path db = dir.resolve("held.duckdb");
    try (LockHolder other = LockHolder.hold(db, 60)) {
      Cli.Result now = Cli.run("ingest", "--db", db.toString(), folder.toString());
      long start = System.nanoTime();
      Cli.Result late = Cli.run("ingest", "--db", db.toString(), "--wait", "1", folder.toString());
      double took = (System.nanoTime() - start) / 1e9;

      assertThat(now.exit()).isEqualTo(1);
      assertThat(now.errLines()).singleElement().asString()
          .startsWith("error: Cannot open database " + db + ": another process (PID " + other.pid() + ", ");
      assertThat(late.exit()).isEqualTo(1);
      assertThat(late.errLines()).last().asString().endsWith("; still held after waiting 1 s");
      assertThat(took).isBetween(1.0, 10.0);
    }
  }
}
