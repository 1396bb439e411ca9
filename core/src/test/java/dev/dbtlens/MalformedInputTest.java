package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-written fixtures in {@code testdata/malformed/}: each is refused with an error naming the
 * file, the schema version where known and the JSON path, and leaves the database unchanged.
 */
class MalformedInputTest {
  static final Path MALFORMED = Path.of("..", "testdata", "malformed").toAbsolutePath().normalize();
  private static final Path GOOD = Path.of("..", "testdata", "malformed", "future-v13-manifest.json");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      empty.json                    | false |                                  | the file is empty
      truncated-manifest.json       | false |                                  | truncated JSON
      invalid-utf8-run_results.json | false |                                  | invalid UTF-8
      deep-nesting-manifest.json    | false | $.nodes                          | too deeply nested
      wrong-type-run_results.json   | false | $.results[1].execution_time      | expected a number, found the string "slow"
      wrong-type-manifest.json      | false | $.nodes                          | expected an object, found an array
      missing-key-run_results.json  | false | $.results[0].unique_id           | required key 'unique_id' is missing
      missing-metadata-sources.json | true  |                                  | pre-v1 artifact
      pre-v1-manifest.json          | true  |                                  | pre-v1 artifact
      not-an-artifact.json          | false | $                                | not a dbt artifact
      """)
  void isRefusedNamingFileAndPathAndWritesNothing(String name, boolean unsupported, String path, String problem)
      throws Exception {
    Path bad = MALFORMED.resolve(name);
    assertThat(bad).exists();
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file("dbt-fusion_e-elikem+dbt_fundamentals"));
      Map<String, Long> before = IngestBehaviourTest.storeCounts(lens);
      ArtifactFormatException e = catchThrowableOfType(ArtifactFormatException.class,
          () -> lens.ingest(IngestOptions.defaults(), java.util.List.of(GOOD, bad)));
      assertThat(e).as("refused").isNotNull();
      assertThat(e.getMessage()).startsWith(bad.toString()).contains(problem).doesNotContain("\n");
      assertThat(e.file()).isEqualTo(bad);
      assertThat(e).isInstanceOf(unsupported ? UnsupportedArtifactVersionException.class : ArtifactFormatException.class);
      if (path != null) {
        assertThat(e.jsonPath()).startsWith(path);
        assertThat(e.getMessage()).contains(" at " + path);
      }
      if (name.contains("run_results") && !name.contains("utf8")) {
        assertThat(e.schemaVersion()).isEqualTo("run-results/v6");
      }
      assertThat(IngestBehaviourTest.storeCounts(lens)).isEqualTo(before);
    }
  }

  @Test
  void aFutureManifestVersionIsAcceptedWithAWarning() throws Exception {
    assertThat(Files.exists(GOOD)).isTrue();
    try (DbtLens lens = DbtLens.inMemory()) {
      IngestReport r = lens.ingest(GOOD);
      assertThat(r.artifacts()).singleElement().matches(ArtifactOutcome::added);
      assertThat(r.warnings()).singleElement().asString().contains("manifest/v13 is newer");
    }
  }
}
