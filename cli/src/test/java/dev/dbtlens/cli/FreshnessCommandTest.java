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
 * {@code freshness} as a CI gate on the bundled sample. Its one source freshness check (002, at
 * 2026-01-05T07:01:13Z; jq over sources.json) has 8 pass, 2 warn ({@code shopify.order_items},
 * {@code stripe.payments}), 1 error ({@code stripe.invoices}) and 1 runtime error ({@code
 * stripe.subscriptions}); the 4 {@code hubspot} sources all pass then (warn after 1 day).
 */
class FreshnessCommandTest {
  private static final String AT_CHECK = "2026-01-05T07:01:13Z";

  @TempDir static Path dir;
  static Path db;

  @BeforeAll
  static void ingestSample() {
    db = dir.resolve("fresh.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(IngestOptions.defaults(), List.of(Fixtures.sample(dir.resolve("sample"))));
    }
  }

  @Test
  void anErroringSourceExitsOneAndIsNamed() {
    Cli.Result r = Cli.run("freshness", "--db", db.toString(), "--at", AT_CHECK);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly(
        "error: 2 sources fail freshness at 2026-01-05T07:01:13Z:"
            + " source.shop.stripe.invoices (error), source.shop.stripe.subscriptions (runtime error)");
  }

  @Test
  void selectKeepsTheSelectedSourcesAndPassingOnesExitZero() {
    Cli.Result r = Cli.run("freshness", "--db", db.toString(), "--at", AT_CHECK, "-s", "source:hubspot");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Cli.tableRows(r.out())).filteredOn(l -> !l.startsWith("(")).extracting(l -> l.split("\\s+")[0])
        .containsExactly(
        "source.shop.hubspot.campaigns", "source.shop.hubspot.contacts", "source.shop.hubspot.deals",
        "source.shop.hubspot.organizations");
  }

  @Test
  void warningsPassUnlessFailOnWarn() {
    Cli.Result lenient = Cli.run("freshness", "--db", db.toString(), "--at", AT_CHECK, "--select", "source:shopify");
    Cli.Result strict = Cli.run("freshness", "--db", db.toString(), "--at", AT_CHECK, "--select", "source:shopify",
        "--fail-on", "warn");
    Cli.Result never = Cli.run("freshness", "--db", db.toString(), "--at", AT_CHECK, "--fail-on", "never");

    assertThat(lenient.exit()).as(lenient.err()).isZero();
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.errLines()).containsExactly(
        "error: 1 source fails freshness at 2026-01-05T07:01:13Z: source.shop.shopify.order_items (warn)");
    assertThat(never.exit()).as(never.err()).isZero();
  }

  @Test
  void tableAgesAreInHumanUnits() {
    // stripe.invoices loaded 2026-01-03T16:40:49.05: 1 d 14 h 20 min before the check;
    // shopify.order_items loaded 2026-01-04T16:54:16.6: 14 h 6 min 56 s before it
    Cli.Result r = Cli.run("freshness", "--db", db.toString(), "--at", AT_CHECK, "--fail-on", "never");

    assertThat(r.out().lines().toList().get(1).split("\\s+"))
        .containsExactly("source", "last_check", "max_loaded_at", "age", "status_now");
    List<String> rows = Cli.tableRows(r.out());
    assertThat(row(rows, "source.shop.stripe.invoices")).matches(".* 1d 14h +error");
    assertThat(row(rows, "source.shop.shopify.order_items")).matches(".* 14h 6m +warn");
    assertThat(row(rows, "source.shop.stripe.charges")).matches(".* 58m 9s +pass");
  }

  @Test
  void atAcceptsADateAsMidnightUtc() throws Exception {
    Cli.Result r = Cli.run("freshness", "--db", db.toString(), "--at", "2026-01-05", "--format", "json",
        "--fail-on", "never");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertThat(report.get("at").asText()).isEqualTo("2026-01-05T00:00:00Z");
  }

  @Test
  void aBadTimeIsAUsageError() {
    Cli.Result r = Cli.run("freshness", "--db", db.toString(), "--at", "yesterday");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--at: not a date or time: yesterday");
  }

  @Test
  void aMissingEnvironmentListsTheEnvironments() {
    Cli.Result r = Cli.run("freshness", "--db", db.toString(), "--env", "prod");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly(
        "error: Environment 'prod' not found: the database has one environment, default.");
  }

  private static String row(List<String> rows, String id) {
    return rows.stream().filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow();
  }
}
