package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} on the bundled sample: 46 violations with the package's defaults, all warnings
 * (13 governance: the 13 public models have no enforced contract; 7 performance).
 */
class CheckCommandTest {
  @TempDir static Path dir;
  static Path db;

  @BeforeAll
  static void ingestSample() {
    db = dir.resolve("check.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(IngestOptions.defaults(), List.of(Fixtures.sample(dir.resolve("sample"))));
    }
  }

  @Test
  void warningsPassByDefaultAndFailWithFailOnWarn() {
    Cli.Result lenient = Cli.run("check", "--db", db.toString());
    assertThat(lenient.exit()).as(lenient.err()).isZero();
    assertThat(Cli.tableRows(lenient.out())).filteredOn(l -> l.startsWith("warn ")).hasSize(46);
    assertThat(lenient.out()).contains("project shop: test coverage 89.36%, documentation coverage 100% of 47 models;"
        + " violations: modeling 3 testing 23 documentation 0 structure 0 performance 7 governance 13");

    Cli.Result strict = Cli.run("check", "--db", db.toString(), "--fail-on", "warn", "--category", "performance");
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.errLines()).containsExactly("error: 7 violations at --fail-on warn or worse (0 error, 7 warn)");
  }

  @Test
  void severityVariablesMakeErrorsThatFailTheDefaultGate() {
    Cli.Result r = Cli.run("check", "--db", db.toString(), "--var", "fct_public_models_without_contract_severity=error",
        "--rule", "fct_public_models_without_contract", "fct_model_fanout");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("error: 13 violations at --fail-on error or worse (13 error, 3 warn)");
  }

  @Test
  void jsonWithAThreshold() throws Exception {
    Cli.Result r = Cli.run("check", "--db", db.toString(), "--format", "json", "--rule", "fct_model_fanout",
        "--var", "models_fanout_threshold=3");
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("project").asText()).isEqualTo("shop");
    assertThat(j.path("metrics").path("test_coverage_pct").asDouble()).isEqualTo(89.36);
    assertThat(j.path("violations").findValuesAsText("unique_id")).containsExactly("model.shop.dim_accounts",
        "model.shop.dim_products", "model.shop.int_order_items_scored");
    Cli.Result higher = Cli.run("check", "--db", db.toString(), "--format", "json", "--rule", "fct_model_fanout",
        "--var", "models_fanout_threshold=4");
    assertThat(new ObjectMapper().readTree(higher.out()).path("violations")).isEmpty();
  }

  @Test
  void unknownVariablesAreUsageErrors() {
    Cli.Result r = Cli.run("check", "--db", db.toString(), "--var", "models_fanout=2");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--var: unknown variable 'models_fanout'");
  }
}
