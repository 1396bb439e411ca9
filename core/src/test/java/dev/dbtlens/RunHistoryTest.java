package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;

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
      assertThat(lens.runHistory("elsewhere", MODEL, 10)).isEmpty();
    }
  }

  private static List<String> summary(List<RunResult> history) {
    return history.stream().map(r -> r.invocationId() + " " + r.status() + " " + r.executionTime()).toList();
  }
}
