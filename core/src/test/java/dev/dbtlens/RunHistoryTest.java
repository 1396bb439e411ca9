package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbtlens.testdata.Samples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runHistory} on the bundled sample, whose facts are in testdata/sample/README.md; expected
 * values from jq over the sample's run_results.json files. The sample is ingested in two steps, so
 * the statements the API keeps for reuse must see what the second ingest added.
 */
class RunHistoryTest {
  private static final String MODEL = "model.shop.int_organizations_unioned";

  @TempDir Path tmp;

  @Test
  void newestFirstAcrossIngestsWithReusedStatements() {
    Path shop = Samples.extractShopSample(tmp);
    try (DbtLens lens = DbtLens.open(tmp.resolve("lens.duckdb"))) {
      lens.ingest(shop.resolve("001-build/manifest.json"), shop.resolve("001-build/run_results.json"));
      assertThat(summary(lens.runHistory("default", MODEL, 10)))
          .containsExactly("1d7b3296-40af-4787-8188-f3c08959b7ec success 0.998132");
      for (String dir : List.of("003-build", "004-test", "005-run")) {
        lens.ingest(shop.resolve(dir + "/manifest.json"), shop.resolve(dir + "/run_results.json"));
      }
      assertThat(summary(lens.runHistory("default", MODEL, 10))).containsExactly(
          "6a24778b-c1b6-4dda-91b8-845217a6c4b8 success 1.181114",
          "5c591fe3-0e21-4e2f-bee4-cb7d8dfa5063 error 1.084123",
          "1d7b3296-40af-4787-8188-f3c08959b7ec success 0.998132");
      assertThat(summary(lens.runHistory("default", MODEL, 2))).hasSize(2);
      assertThat(lens.runHistory("default", "model.shop.no_such_model", 10)).isEmpty();
      assertThatThrownBy(() -> lens.runHistory("elsewhere", MODEL, 10))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("Environment 'elsewhere' not found: the database has one environment, default.");
      assertThatThrownBy(() -> lens.runHistory("Default", MODEL, 10))
          .hasMessage("Environment 'Default' not found: the database has one environment, default."
              + " Names are case-sensitive: did you mean 'default'?");
    }
  }

  /**
   * jaffle_shop's run_results v4, v5 and v6 (dbt build) and two of dbt 1.11 and 1.12 written by
   * {@code dbt docs generate}, where every node reads success without being built. Expected values
   * from jq: {@code .args.which}, and {@code .execution_time} of {@code model.jaffle_shop.orders}.
   */
  @Test
  void runHistoryIsBuildsOnlyUnlessCompilesAreAskedFor() {
    Path results = SharedArtifacts.file("dbt-artifacts-parser/run_results");
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(IngestOptions.defaults(), List.of(results.resolve("v4"), results.resolve("v5"), results.resolve("v6")));

      assertThat(commands(lens.runHistory("default", "model.jaffle_shop.orders", 10))).containsExactly(
          "cfbc1db9-66c1-46c2-a94b-8c0cef32314f build 3.5217950344085693",
          "7ee58a18-366a-45b0-a0f2-a8a09f5e87ec build 3.476526975631714",
          "5b7ab67d-5559-49b8-9373-35eab8b9f2f7 build 2.691401243209839");
      assertThat(commands(lens.runHistory("default", "model.jaffle_shop.orders", 10, HistoryScope.ALL)))
          .containsExactly(
              "24ad943b-c71e-497c-be0b-d037a3c525ad docs generate 0.002031087875366211",
              "626fe22d-01d8-44eb-87b3-cf4d0d6c02d5 docs generate 0.003125905990600586",
              "cfbc1db9-66c1-46c2-a94b-8c0cef32314f build 3.5217950344085693",
              "7ee58a18-366a-45b0-a0f2-a8a09f5e87ec build 3.476526975631714",
              "5b7ab67d-5559-49b8-9373-35eab8b9f2f7 build 2.691401243209839");
      assertThat(lens.runHistory("default", "model.jaffle_shop.orders", 2, HistoryScope.BUILDS))
          .extracting(RunResult::isBuild).containsExactly(true, true);
    }
  }

  private static List<String> commands(List<RunResult> history) {
    return history.stream().map(r -> r.invocationId() + " " + r.command() + " " + r.executionTime()).toList();
  }

  private static List<String> summary(List<RunResult> history) {
    return history.stream().map(r -> r.invocationId() + " " + r.status() + " " + r.executionTime()).toList();
  }
}
