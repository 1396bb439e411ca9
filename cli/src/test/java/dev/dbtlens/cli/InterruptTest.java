package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.testdata.ProjectGenerator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during an ingest, in a real process: a message, nothing written, nothing left behind. */
class InterruptTest {
  @TempDir Path dir;

  @Test
  void ctrlCDuringAnIngestSaysNothingWasWrittenAndRemovesTheWalAndTempFolder() throws Exception {
    Path db = dir.resolve("lens.duckdb");
    Path folder = Fixtures.invocationFolders(Fixtures.sample(dir.resolve("sample"))).get(0);
    assertThat(Cli.run("ingest", "--db", db.toString(), folder.toString()).exit()).isZero();
    String artifactsBefore = Cli.value(db, "SELECT count(*) FROM artifacts");
    Path project = dir.resolve("big");
    ProjectGenerator.generate(new ProjectGenerator.Options(3000, 2, 5), project); // 36 MB manifests
    Path wal = dir.resolve("lens.duckdb.wal");
    Path temp = dir.resolve("lens.duckdb.tmp");
    Path err = dir.resolve("stderr.txt");

    // Ctrl-C while the manifest is being read, inside the ingest's transaction (its progress line is
    // out and the WAL exists); a small memory limit makes DuckDB spill into lens.duckdb.tmp/ by then
    // on a quiet machine. At this limit the ingest could not finish (it runs out of memory writing
    // the node tables: README, "What it reads"), so Ctrl-C must land before that: hence the progress line,
    // not the temp folder, decides when to send it. Two files of one invocation, the catalog read first:
    // the manifest is the last file, whose progress line is never left out (one a second at most).
    Path build = project.resolve("001-build");
    Process ingest = new ProcessBuilder(javaCommand("ingest", "--db", db.toString(), "--memory-limit", "24MB",
        build.resolve("catalog.json").toString(), build.resolve("manifest.json").toString()))
        .redirectError(err.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
    boolean reading = waitFor(() -> Files.exists(wal) && readsManifest(err), ingest);
    boolean spilled = Files.isDirectory(temp);
    new ProcessBuilder("kill", "-INT", String.valueOf(ingest.pid())).start().waitFor();
    assertThat(ingest.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();

    assertThat(reading).as("the manifest was being read when Ctrl-C came: " + Files.readString(err)).isTrue();
    assertThat(ingest.exitValue()).as("exit code (spilled before Ctrl-C: " + spilled + "); stderr: "
        + Files.readString(err)).isEqualTo(130);
    List<String> lines = Files.readAllLines(err);
    assertThat(lines).last().asString()
        .startsWith("interrupted: nothing was written to " + db + " (the ingest was rolled back)");
    assertThat(lines).noneMatch(l -> l.startsWith("error:"));
    assertThat(temp).doesNotExist();
    assertThat(wal).doesNotExist();
    assertThat(Cli.value(db, "SELECT count(*) FROM artifacts")).isEqualTo(artifactsBefore);
  }

  private static boolean readsManifest(Path err) {
    try {
      return Files.readString(err).contains("manifest.json");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition, Process p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  private static List<String> javaCommand(String... args) {
    String cp = String.join(File.pathSeparator, List.of(System.getProperty("java.class.path", ""),
        System.getProperty("jdk.module.path", "")));
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp, Main.class.getName()));
    command.addAll(List.of(args));
    return command;
  }
}
