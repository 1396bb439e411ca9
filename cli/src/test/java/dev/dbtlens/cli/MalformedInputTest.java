package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every malformed fixture exits 3 with one line naming the file (and the JSON path, where there is
 * one), no stack trace, and leaves the database as it was, though a good file came before it in the
 * same command.
 */
class MalformedInputTest {
  private static final String COUNTS = """
      SELECT (SELECT count(*) FROM artifacts) || '/' || (SELECT count(*) FROM invocations) || '/'
          || (SELECT count(*) FROM nodes) || '/' || (SELECT count(*) FROM run_results) || '/'
          || (SELECT count(*) FROM source_freshness) || '/' || (SELECT count(*) FROM catalog)""";

  @TempDir static Path dir;
  static Path db;
  static Path goodBefore;
  static Path goodAfter;
  static String baseline;

  @BeforeAll
  static void ingestOneGoodFile() {
    Path sample = Fixtures.sample(dir.resolve("sample"));
    List<Path> folders = Fixtures.invocationFolders(sample);
    db = dir.resolve("malformed.duckdb");
    Cli.Result r = Cli.run("ingest", "--db", db.toString(),
        folders.get(0).resolve("manifest.json").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    // from a middle invocation: fixtures made from the first or last one do not clash with it
    Path middle = folders.get(folders.size() / 2);
    goodAfter = middle.resolve("manifest.json");
    goodBefore = Fixtures.artifactFiles(middle).stream()
        .filter(f -> !f.equals(goodAfter)).findFirst().orElseThrow();
    baseline = Cli.value(db, COUNTS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
      "empty.json, -",
      "truncated-manifest.json, -",
      "invalid-utf8-run_results.json, -",
      "deep-nesting-manifest.json, -",
      "wrong-type-run_results.json, $.results[1].execution_time",
      "wrong-type-manifest.json, $.nodes",
      "missing-key-run_results.json, $.results[0].unique_id",
      "missing-metadata-sources.json, -",
      "pre-v1-manifest.json, -",
      "not-an-artifact.json, -"})
  void exitsThreeWithOneLineAndChangesNothing(String name, String jsonPath) {
    Path bad = Fixtures.malformed(name);

    Cli.Result r = Cli.run("ingest", "--db", db.toString(),
        goodBefore.toString(), bad.toString(), goodAfter.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).singleElement().asString()
        .startsWith("error: ")
        .contains(name)
        .doesNotContain("Exception")
        .satisfies(line -> {
          if (jsonPath != null) {
            assertThat(line).contains(jsonPath);
          }
        });
    assertThat(Cli.value(db, COUNTS)).isEqualTo(baseline);
  }

  @Test
  void verboseAddsTheStackTrace() {
    Path bad = Fixtures.malformed("truncated-manifest.json");

    Cli.Result r = Cli.run("ingest", "--db", db.toString(), "--verbose", bad.toString());

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).startsWith("error: ").contains("ArtifactFormatException", "\tat ");
  }

  @Test
  void aFailedIngestIntoANewFileLeavesNoFile() {
    Path fresh = dir.resolve("fresh.duckdb");

    Cli.Result r = Cli.run("ingest", "--db", fresh.toString(), goodBefore.toString(),
        Fixtures.malformed("empty.json").toString());

    assertThat(r.exit()).isEqualTo(3);
    assertThat(fresh).doesNotExist();
  }
}
