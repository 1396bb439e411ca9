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
 * {@code dbtlens columns} on the bundled sample. Expected lineage read from the sample's compiled
 * SQL: stg_hubspot__deals selects {@code id as deal_id} from raw hubspot.deals; int_deals_unioned
 * and fct_shipments select {@code stg_hubspot__deals.deal_id} / {@code int_deals_unioned.deal_id}.
 */
class ColumnsCommandTest {
  @TempDir static Path dir;
  static Path db;

  @BeforeAll
  static void ingestSample() {
    db = dir.resolve("lens.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(IngestOptions.defaults(), List.of(Fixtures.sample(dir.resolve("sample"))));
    }
  }

  @Test
  void upstreamTable() {
    Cli.Result r = Cli.run("columns", "--db", db.toString(), "-s", "+fct_shipments.deal_id");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains(
        "0      root     passthrough  model.shop.fct_shipments.deal_id",
        "1      parent   passthrough  model.shop.int_deals_unioned.deal_id",
        "2      parent   renamed      model.shop.stg_hubspot__deals.deal_id",
        "3      parent   -            source.shop.hubspot.deals.id");
    // unique + not_null tests on int_deals_unioned.deal_id and stg_hubspot__deals.deal_id; fct_shipments.deal_id
    // has not_null only (the sample's manifest)
    assertThat(r.out()).contains("model.shop.int_deals_unioned.deal_id  (primary key)",
        "model.shop.stg_hubspot__deals.deal_id  (primary key)")
        .doesNotContain("model.shop.fct_shipments.deal_id  (primary key)");
  }

  @Test
  void impactAsJsonReachesTheExposure() throws Exception {
    Cli.Result r = Cli.run("columns", "--db", db.toString(), "--impact", "hubspot.deals.id", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("exposures").toString()).contains("exposure.shop.marketing_attribution");
    assertThat(json.path("columns").get(0).path("column").path("nodeUniqueId").asText()).isEqualTo("source.shop.hubspot.deals");
  }

  @Test
  void mermaidWithDepthLimits() {
    Cli.Result r = Cli.run("columns", "--db", db.toString(), "-s", "1+int_deals_unioned.deal_id+1", "--format", "mermaid");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("flowchart LR").contains("stg_hubspot__deals<br/><b>deal_id</b>")
        .doesNotContain("source.shop.hubspot.deals");
  }

  @Test
  void unknownNodeIsAUsageError() {
    Cli.Result r = Cli.run("columns", "--db", db.toString(), "-s", "nosuch.col+");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no node nosuch");
  }
}
