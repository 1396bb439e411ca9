package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbtlens.testdata.Samples;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An environment the database does not hold is named in one message that lists the environments it
 * has, whichever call asks; names are case-sensitive, and one differing only in case is suggested.
 */
class MissingEnvironmentTest {
  private static final String LISTED = "the database has 2 environments: ci, prod.";

  @TempDir static Path tmp;
  static DbtLens lens;

  @BeforeAll
  static void twoEnvironments() {
    Path shop = Samples.extractShopSample(tmp);
    lens = DbtLens.inMemory();
    lens.ingest(IngestOptions.defaults().withEnvironment("prod"), List.of(shop.resolve("001-build")));
    lens.ingest(IngestOptions.defaults().withEnvironment("ci"), List.of(shop.resolve("002-source-freshness")));
  }

  @Test
  void lineageOfAMissingEnvironmentListsTheEnvironmentsInsteadOfSayingItHasNoManifest() {
    assertThatThrownBy(() -> lens.lineage("default"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Environment 'default' not found: " + LISTED);
  }

  @Test
  void freshnessOfAMissingEnvironmentListsTheEnvironments() {
    assertThatThrownBy(() -> lens.freshness("default", Instant.EPOCH))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Environment 'default' not found: " + LISTED);
  }

  @Test
  void runHistoryOfAMissingEnvironmentListsTheEnvironments() {
    assertThatThrownBy(() -> lens.runHistory("default", "model.shop.orders", 5))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Environment 'default' not found: " + LISTED);
  }

  @Test
  void namesAreCaseSensitiveAndADifferentCaseIsSuggested() {
    assertThatThrownBy(() -> lens.lineage("Prod"))
        .hasMessage("Environment 'Prod' not found: " + LISTED + " Names are case-sensitive: did you mean 'prod'?");
  }

  @Test
  void anEnvironmentWithoutAManifestStillSaysSo() {
    try (DbtLens sourcesOnly = DbtLens.inMemory()) {
      sourcesOnly.ingest(IngestOptions.defaults().withEnvironment("checks"),
          List.of(tmp.resolve("shop/002-source-freshness/sources.json")));
      assertThatThrownBy(() -> sourcesOnly.lineage("checks")).hasMessage("Environment 'checks' has no manifest.");
    }
  }
}
