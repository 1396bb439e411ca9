package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {
  @TempDir Path dir;

  @Test
  void ingestingTheSampleTwiceSkipsEveryFileTheSecondTime() {
    Path sample = Fixtures.sample(dir.resolve("sample"));
    int files = Fixtures.artifactFiles(sample).size();
    String db = dir.resolve("twice.duckdb").toString();

    Cli.Result first = Cli.run("ingest", "--db", db, "--env", "prod", sample.toString());
    Cli.Result second = Cli.run("ingest", "--db", db, "--env", "prod", sample.toString());

    assertThat(first.exit()).isZero();
    assertThat(first.out()).contains("added", "Added to environment 'prod'", "; 0 files skipped.");
    assertThat(second.exit()).isZero();
    assertThat(second.out()).contains(
        "Nothing new for environment 'prod': " + files + " files skipped (already ingested).");
    assertThat(Cli.tableRows(second.out())).hasSize(files)
        .allMatch(line -> line.startsWith("already ingested"));
    assertThat(Cli.value(Path.of(db), "SELECT count(*) FROM artifacts"))
        .isEqualTo(String.valueOf(files));
  }

  @Test
  void idsAreStoredPrintedAndAConflictingIdIsAUsageError() {
    Path sample = Fixtures.sample(dir.resolve("sample"));
    List<Path> folders = Fixtures.invocationFolders(sample);
    String db = dir.resolve("ids.duckdb").toString();

    Cli.Result first = Cli.run("ingest", "--db", db, "--env", "prod", "--env-id", "42", "--job-id", "7",
        "--run-id", "1000", folders.get(0).toString());
    Cli.Result next = Cli.run("ingest", "--db", db, "--env", "prod", folders.get(2).toString());
    Cli.Result conflict = Cli.run("ingest", "--db", db, "--env", "prod", "--env-id", "5",
        folders.get(3).toString());

    assertThat(first.exit()).isZero();
    assertThat(first.out()).contains("Ids: environment 42; run 1000 (job 7)");
    assertThat(next.out()).contains("Ids: environment 42; run 1001 (job 7)"); // build again: job 7's label
    assertThat(conflict.exit()).isEqualTo(2);
    assertThat(conflict.err()).contains(
        "error: environment 'prod' already has id 42; the id 5 from --env-id was not used");
    assertThat(Cli.value(Path.of(db), "SELECT string_agg(run_id::VARCHAR, ' ' ORDER BY run_id) FROM invocations"))
        .isEqualTo("1000 1001");
  }

  @Test
  void memoryLimitAndThreadsReachDuckDb() {
    Path sample = Fixtures.sample(dir.resolve("sample"));
    Path folder = Fixtures.invocationFolders(sample).get(0);
    Path db = dir.resolve("limits.duckdb");
    try {
      Cli.Result r = Cli.run("ingest", "--db", db.toString(), "--memory-limit", "300MB", "--threads", "1",
          folder.toString());
      assertThat(r.exit()).isZero();
      assertThat(System.getProperty(dev.dbtlens.DbtLens.MEMORY_LIMIT_PROPERTY)).isEqualTo("300MB");
      assertThat(System.getProperty(dev.dbtlens.DbtLens.THREADS_PROPERTY)).isEqualTo("1");
    } finally {
      System.clearProperty(dev.dbtlens.DbtLens.MEMORY_LIMIT_PROPERTY);
      System.clearProperty(dev.dbtlens.DbtLens.THREADS_PROPERTY);
    }
  }

  @Test
  void printsOneLinePerFileWithKindVersionInvocationAndRows() {
    Path sample = Fixtures.sample(dir.resolve("sample"));
    Path folder = Fixtures.invocationFolders(sample).get(0);
    Path db = dir.resolve("lines.duckdb");

    Cli.Result r = Cli.run("ingest", "--db", db.toString(), "--job", "nightly", folder.toString());

    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> lines = Cli.tableRows(r.out());
    assertThat(lines).hasSize(Fixtures.artifactFiles(folder).size());
    String invocation = Cli.value(db, "SELECT any_value(invocation_id) FROM invocations");
    assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("added").contains(invocation));
    assertThat(r.out()).contains("manifest/v", "manifest.json");
    assertThat(Cli.value(db, "SELECT job FROM invocations")).isEqualTo("nightly");
  }

  @Test
  void aNewerSchemaVersionIsAcceptedWithOneWarningOnStderr() {
    Path future = Fixtures.malformed("future-v13-manifest.json");
    Path db = dir.resolve("future.duckdb");

    Cli.Result r = Cli.run("ingest", "--db", db.toString(), future.toString());

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("added (warning)");
    assertThat(r.errLines()).singleElement().asString()
        .startsWith("warning: ").contains("future-v13-manifest.json");
    assertThat(Cli.value(db, "SELECT count(*) FROM artifacts")).isEqualTo("1");
  }
}
