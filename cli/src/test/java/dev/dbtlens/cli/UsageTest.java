package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageTest {
  @Test
  void helpExitsZeroAndDocumentsExitCodes() {
    Cli.Result r = Cli.run("--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: dbtlens", "ingest", "sql", "demo", "generate",
        "Exit codes:", "bad input");
    assertThat(r.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ingest", "sql", "demo", "generate"})
  void everyCommandHasHelpWithExitCodes(String command) {
    Cli.Result r = Cli.run(command, "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: dbtlens " + command, "Exit codes:");
  }

  /** picocli formats descriptions: a lone {@code %} makes it warn on stderr and print the raw text. */
  @Test
  void everyCommandsHelpFormatsWithoutWarnings() {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    try {
      System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
      for (String command : java.util.List.of("ingest", "derive", "sql", "demo", "generate", "ls", "lineage",
          "columns", "freshness", "check", "perf", "graphql", "schema", "serve", "report", "export", "follow",
          "prune", "search", "mesh")) {
        Cli.Result r = Cli.run(command, "--help");
        assertThat(r.exit()).as(command).isZero();
        assertThat(r.out()).as(command).contains("Usage: dbtlens " + command);
      }
    } finally {
      System.setErr(saved);
    }
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("WARN");
  }

  @Test
  void versionExitsZero() {
    Cli.Result r = Cli.run("--version");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("dbtlens ").contains("SQL schema version");
  }

  @Test
  void unknownCommandIsAUsageError() {
    Cli.Result r = Cli.run("ingst", "--db", "x.duckdb");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: ").contains("ingst", "Did you mean");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Result r = Cli.run();

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: missing command");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ingest", "sql"})
  void missingDbIsAUsageError(String command) {
    Cli.Result r = Cli.run(command, "something");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("error: Missing required option: '--db=FILE'")
        .contains("Try 'dbtlens " + command + " --help'");
  }

  @Test
  void unknownOptionIsAUsageError() {
    Cli.Result r = Cli.run("sql", "--db", "x.duckdb", "--format", "xml", "SELECT 1");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--format", "xml");
  }

  @Test
  void sqlOnAMissingDatabaseIsAUsageError() {
    Cli.Result r = Cli.run("sql", "--db", "no-such-file.duckdb", "SELECT 1");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: no database at no-such-file.duckdb");
  }

  @Test
  void ingestOfAMissingPathIsAUsageErrorAndCreatesNoDatabase(@TempDir Path dir) {
    Path db = dir.resolve("never-created.duckdb");

    Cli.Result r = Cli.run("ingest", "--db", db.toString(), "no/such/folder");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: no such file or folder: no/such/folder");
    assertThat(db).doesNotExist();
  }
}
