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
 * {@code ls}, {@code lineage} and {@code freshness} on the bundled sample; expected values are the
 * sample's facts (testdata/sample/README.md) and its manifest's parent_map.
 */
class SelectionCommandsTest {
  @TempDir static Path dir;
  static Path db;

  @BeforeAll
  static void ingestSample() {
    db = dir.resolve("sel.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(IngestOptions.defaults(), List.of(Fixtures.sample(dir.resolve("sample"))));
    }
  }

  @Test
  void lsPrintsSelectorsLikeDbtLs() {
    // 005's manifest: fct_shipments depends on int_deals_unioned and dim_accounts
    Cli.Result r = Cli.run("ls", "--db", db.toString(), "-s", "1+fct_shipments", "--resource-type", "model");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines()).containsExactly(
        // fqn of each, from the 005 manifest (jq '.nodes[...].fqn'), sorted by unique id
        "shop.marts.finance.dim_accounts", "shop.marts.operations.fct_shipments",
        "shop.intermediate.marketing.int_deals_unioned");
  }

  @Test
  void lsJsonHasTheAskedKeysAndTestsComeAlong() throws Exception {
    Cli.Result r = Cli.run("ls", "--db", db.toString(), "-s", "fct_shipments", "--output", "json",
        "--output-keys", "unique_id", "resource_type");
    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> rows = r.out().lines().map(l -> {
      try {
        return new ObjectMapper().readTree(l);
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).toList();
    // the model and its 3 tests (README: unique and two not_null tests, added in 005)
    assertThat(rows).hasSize(4).allSatisfy(n -> assertThat(n.size()).isEqualTo(2));
    assertThat(rows.stream().map(n -> n.get("resource_type").asText()).toList())
        .containsExactly("model", "test", "test", "test");
  }

  @Test
  void stateModifiedComparesWithThePreviousManifest() {
    // between 004 and 005: int_organizations_unioned changed checksum, fct_shipments is new
    Cli.Result r = Cli.run("ls", "--db", db.toString(), "-s", "state:modified.body", "--resource-type", "model",
        "--output", "name");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines()).contains("int_organizations_unioned", "fct_shipments");
  }

  @Test
  void aBadSelectorIsAUsageErrorPointingAtTheToken() {
    Cli.Result r = Cli.run("ls", "--db", db.toString(), "-s", "orders+x");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Unexpected '+'").contains("orders+x\n        ^");
    Cli.Result typo = Cli.run("ls", "--db", db.toString(), "--resource-type", "modle");
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).contains("unknown resource type 'modle'");
  }

  @Test
  void lineageDrawsMermaidDotAndJson() throws Exception {
    Cli.Result mermaid = Cli.run("lineage", "--db", db.toString(), "-s", "1+fct_shipments", "--resource-type", "model");
    assertThat(mermaid.out()).startsWith("flowchart LR").contains("[\"fct_shipments\"]:::model").contains(" --> ");
    Cli.Result dot = Cli.run("lineage", "--db", db.toString(), "-s", "1+fct_shipments", "--resource-type", "model",
        "--format", "dot");
    assertThat(dot.out()).contains("\"model.shop.dim_accounts\" -> \"model.shop.fct_shipments\";");
    Cli.Result json = Cli.run("lineage", "--db", db.toString(), "-s", "1+fct_shipments", "--resource-type", "model",
        "--format", "json");
    JsonNode graph = new ObjectMapper().readTree(json.out());
    assertThat(graph.get("nodes")).hasSize(3);
    assertThat(graph.get("edges")).hasSize(2);
  }

  @Test
  void freshnessReEvaluatesSourcesAtTheGivenTime() throws Exception {
    // 002: stripe.payments warned (older than 6 h) at the check; by 12:00 it is older than 12 h: error
    Cli.Result r = Cli.run("freshness", "--db", db.toString(), "--at", "2026-01-05T12:00:00Z", "--format", "json");
    assertThat(r.exit()).as("sources in error fail the gate").isEqualTo(1);
    JsonNode report = new ObjectMapper().readTree(r.out());
    JsonNode payments = null;
    for (JsonNode s : report.get("sources")) {
      if (s.get("unique_id").asText().equals("source.shop.stripe.payments")) {
        payments = s;
      }
    }
    assertThat(payments).isNotNull();
    assertThat(payments.get("last_status").asText()).isEqualTo("warn");
    assertThat(payments.get("status").asText()).isEqualTo("error");
  }
}
