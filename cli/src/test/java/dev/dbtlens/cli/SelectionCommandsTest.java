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
    assertThat(mermaid.out()).startsWith("flowchart LR").contains("[\"fct_shipments<br/>").contains(" --> ");
    Cli.Result dot = Cli.run("lineage", "--db", db.toString(), "-s", "1+fct_shipments", "--resource-type", "model",
        "--format", "dot");
    assertThat(dot.out()).contains("\"model.shop.dim_accounts\" -> \"model.shop.fct_shipments\";");
    Cli.Result json = Cli.run("lineage", "--db", db.toString(), "-s", "1+fct_shipments", "--resource-type", "model",
        "--format", "json");
    JsonNode graph = new ObjectMapper().readTree(json.out());
    assertThat(graph.get("nodes")).hasSize(3);
    assertThat(graph.get("edges")).hasSize(2);
  }

  // ---- issue 10: exit codes, warnings and messages of ls / lineage ----

  @Test
  void aDepthTooLargeIsExit2WithAPosition() {
    Cli.Result r = Cli.run("ls", "--db", db.toString(), "-s", "99999999999+x");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Depth 99999999999 is too large").contains("  99999999999+x\n  ^")
        .doesNotContain("For input string");
  }

  @Test
  void selectingNothingWarnsAsDbtDoes() {
    Cli.Result r = Cli.run("ls", "--db", db.toString(), "-s", "nosuchmodel");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).containsExactly(
        "warning: The selection criterion 'nosuchmodel' does not match any enabled nodes",
        "warning: No nodes selected!");
    Cli.Result lineage = Cli.run("lineage", "--db", db.toString(), "-s", "nosuch");
    assertThat(lineage.exit()).isZero();
    assertThat(lineage.errLines()).contains("warning: No nodes selected!");
  }

  @Test
  void anUnknownConfigKeyIsExit2WithASuggestion() {
    Cli.Result r = Cli.run("ls", "--db", db.toString(), "-s", "config.materialised:table");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown config key 'materialised'").contains("did you mean 'materialized'?")
        .contains("  config.materialised:table\n         ^");
  }

  @Test
  void anUnknownSelectorSaysWhatIsKnownAndLongInputIsCut() {
    // the sample's manifest has no selectors (jq '.selectors' is {})
    Cli.Result r = Cli.run("ls", "--db", db.toString(), "--selector", "nosuch");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Selector 'nosuch' not found: the manifest defines no selectors")
        .doesNotContain("(known: )");
    Cli.Result longOne = Cli.run("ls", "--db", db.toString(), "-s", "tag:a ".repeat(3000) + "x+y");
    assertThat(longOne.exit()).isEqualTo(2);
    assertThat(longOne.err().length()).isLessThan(600);
  }

  @Test
  void stateInvocationIsUsedOrRefusedWithExit2() {
    // 003-build (5c591fe3-...): one fail, a relationships test on fct_orders
    Cli.Result fail = Cli.run("ls", "--db", db.toString(), "-s", "result:fail", "--state-invocation", "5c591fe3",
        "--indirect-selection", "empty");
    assertThat(fail.exit()).as(fail.err()).isZero();
    assertThat(fail.out().lines()).containsExactly(
        "shop.marts.finance.relationships_fct_orders_order_item_id__order_item_id__ref_int_order_items_scored_");
    Cli.Result bogus = Cli.run("ls", "--db", db.toString(), "-s", "result:fail", "--state-invocation", "bogus");
    assertThat(bogus.exit()).isEqualTo(2);
    assertThat(bogus.err()).contains("Invocation 'bogus' not found in environment 'default'")
        .contains("6a24778b-c1b6-4dda-91b8-845217a6c4b8");
    Cli.Result noSources = Cli.run("ls", "--db", db.toString(), "-s", "source_status:stale", "--state-invocation", "1d7b");
    assertThat(noSources.exit()).isEqualTo(2);
    assertThat(noSources.err()).contains("'1d7b3296-40af-4787-8188-f3c08959b7ec' has no sources.json")
        .contains("c57b46a2-72fe-4b3c-b27d-034f501845b6");
  }

  @Test
  void lsJsonHasDbtsDefaultKeysAndAnyAskedKey() throws Exception {
    Cli.Result r = Cli.run("ls", "--db", db.toString(), "-s", "fct_shipments", "--resource-type", "model",
        "--output", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    // dbt's ALLOWED_KEYS in the manifest's order (jq '.nodes["model.shop.fct_shipments"] | keys_unsorted')
    assertThat(r.out()).startsWith("{\"name\": \"fct_shipments\", \"resource_type\": \"model\", ");
    JsonNode node = new ObjectMapper().readTree(r.out());
    assertThat(node.fieldNames()).toIterable().containsExactly("name", "resource_type", "package_name",
        "original_file_path", "unique_id", "alias", "config", "tags", "depends_on");
    assertThat(node.at("/depends_on/nodes")).extracting(JsonNode::asText)
        .containsExactly("model.shop.int_deals_unioned", "model.shop.dim_accounts");
    Cli.Result asked = Cli.run("ls", "--db", db.toString(), "-m", "fct_shipments", "--output", "json",
        "--output-keys", "config.materialized", "name", "nosuch");
    assertThat(asked.exit()).as(asked.err()).isZero();
    assertThat(asked.out().strip()).isEqualTo("{\"config.materialized\": \"incremental\", \"name\": \"fct_shipments\"}");
  }

  @Test
  void lsJsonOfEverythingHasEveryNodesDbtKeys() throws Exception {
    Cli.Result all = Cli.run("ls", "--db", db.toString(), "--output", "json");
    Cli.Result ids = Cli.run("ls", "--db", db.toString(), "--output", "json", "--output-keys", "unique_id");
    assertThat(all.exit()).as(all.err()).isZero();
    List<String> uniqueIds = new java.util.ArrayList<>();
    for (String line : all.out().lines().toList()) {
      JsonNode n = new ObjectMapper().readTree(line);
      assertThat(n.has("unique_id") && n.has("resource_type") && n.has("package_name")).as(line).isTrue();
      uniqueIds.add("{\"unique_id\": \"" + n.get("unique_id").asText() + "\"}");
    }
    // 005's manifest: 50 models, 111 tests, 2 unit tests, 16 sources, 4 seeds, 2 snapshots, 3 exposures
    assertThat(uniqueIds).hasSize(188).containsExactlyElementsOf(ids.out().lines().toList());
  }

  @Test
  void modelsIsSelectWithModelsOnlyAsInDbt() {
    Cli.Result r = Cli.run("ls", "--db", db.toString(), "-m", "fct_shipments");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines()).containsExactly("shop.marts.operations.fct_shipments");
    Cli.Result both = Cli.run("ls", "--db", db.toString(), "-m", "fct_shipments", "-s", "orders");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void asOfSelectsInAnOlderManifest() {
    // 004-test (417d399f-...): 49 models, no fct_shipments yet
    Cli.Result models = Cli.run("ls", "--db", db.toString(), "--as-of", "417d", "--resource-type", "model");
    assertThat(models.exit()).as(models.err()).isZero();
    assertThat(models.out().lines()).hasSize(49).doesNotContain("shop.marts.operations.fct_shipments");
    Cli.Result lineage = Cli.run("lineage", "--db", db.toString(), "--as-of", "417d", "-s", "fct_shipments");
    assertThat(lineage.errLines()).contains("warning: No nodes selected!");
    Cli.Result bogus = Cli.run("lineage", "--db", db.toString(), "--as-of", "bogus", "-s", "orders");
    assertThat(bogus.exit()).isEqualTo(2);
  }

  @Test
  void lineageLabelsVersionsMaterializationAndStatusAndLeavesTestsOut() throws Exception {
    Cli.Result mermaid = Cli.run("lineage", "--db", db.toString(), "-s", "dim_customers fct_shipments");
    assertThat(mermaid.exit()).as(mermaid.err()).isZero();
    // 005-run built both versions (success); fct_shipments is incremental
    assertThat(mermaid.out()).contains("[\"dim_customers v1<br/><small>table, success</small>\"]:::model")
        .contains("[\"dim_customers v2<br/><small>table, success</small>\"]:::model")
        .contains("[\"fct_shipments<br/><small>incremental, success</small>\"]:::model")
        .doesNotContain(":::test");
    assertThat(mermaid.errLines()).anyMatch(l -> l.contains("tests left out"));
    Cli.Result dot = Cli.run("lineage", "--db", db.toString(), "-s", "dim_customers", "--format", "dot");
    assertThat(dot.out()).contains("label=\"dim_customers v1\\ntable, success\"")
        .contains("label=\"dim_customers v2\\ntable, success\"");
    // as of 003-build both versions were skipped: outlined
    Cli.Result skipped = Cli.run("lineage", "--db", db.toString(), "-s", "dim_customers", "--as-of", "5c591fe3");
    assertThat(skipped.out()).contains("dim_customers v1<br/><small>table, skipped</small>")
        .contains("classDef status_skipped").containsPattern("class n0,n1 status_skipped;");
    JsonNode withTests = new ObjectMapper().readTree(Cli.run("lineage", "--db", db.toString(), "-s", "fct_shipments",
        "--include-tests", "--format", "json").out());
    assertThat(withTests.get("nodes")).hasSize(4);
    JsonNode without = new ObjectMapper().readTree(Cli.run("lineage", "--db", db.toString(), "-s", "fct_shipments",
        "--format", "json").out());
    assertThat(without.get("nodes")).hasSize(1);
    assertThat(without.at("/nodes/0/materialized").asText()).isEqualTo("incremental");
    assertThat(without.at("/nodes/0/status").asText()).isEqualTo("success");
  }

  @Test
  void seedsSnapshotsAndUnitTestsAreStyled() {
    Cli.Result r = Cli.run("lineage", "--db", db.toString(), "-s", "seed_order_statuses snap_shopify__customers",
        "test_type:unit", "--include-tests");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains(":::seed").contains(":::snapshot").contains(":::unit_test")
        .contains("classDef seed fill:").contains("classDef snapshot fill:").contains("classDef unit_test fill:");
  }

  @Test
  void moreEdgesThanMermaidDrawsIsAWarningWithTheSetting(@TempDir Path tmp) {
    Path project = tmp.resolve("big");
    assertThat(Cli.run("generate", "--models", "200", "--invocations", "1", "--seed", "3", "--out", project.toString()).exit()).isZero();
    Path big = tmp.resolve("big.duckdb");
    assertThat(Cli.run("ingest", "--db", big.toString(), project.toString()).exit()).isZero();
    Cli.Result few = Cli.run("lineage", "--db", big.toString(), "-s", "resource_type:source");
    assertThat(few.err()).doesNotContain("maxEdges");
    Cli.Result r = Cli.run("lineage", "--db", big.toString(), "--include-tests");
    assertThat(r.exit()).as(r.err()).isZero();
    long edges = r.out().lines().filter(l -> l.contains(" --> ")).count();
    assertThat(edges).isGreaterThan(500);
    assertThat(r.errLines()).anyMatch(l -> l.startsWith("warning: " + edges + " edges: Mermaid refuses more than 500")
        && l.contains("maxEdges"));
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
