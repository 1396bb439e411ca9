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
 * {@code perf} on the bundled sample (five invocations on 2026-01-05: build, source freshness,
 * build, test, run). python3 over its run_results.json files: the four build runs' elapsed_time
 * sum to 326.622884 s; the only model that errored is int_organizations_unioned, once in 3
 * executions (invocation 3, where its edit broke it).
 */
class PerfCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path db;

  @BeforeAll
  static void ingestSample() {
    db = dir.resolve("perf.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(IngestOptions.defaults(), List.of(Fixtures.sample(dir.resolve("sample"))));
    }
  }

  private static Cli.Result perf(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "perf";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--db";
    all[args.length + 2] = db.toString();
    return Cli.run(all);
  }

  @Test
  void failingNamesTheModelThatErroredWithItsPercentage() throws Exception {
    Cli.Result r = perf("failing", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode rows = JSON.readTree(r.out());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).path("uniqueId").asText()).isEqualTo("model.shop.int_organizations_unioned");
    assertThat(rows.get(0).path("totalExecutions").asInt()).isEqualTo(3);
    assertThat(rows.get(0).path("totalFailedExecutions").asInt()).isEqualTo(1);
    Cli.Result table = perf("failing");
    assertThat(Cli.tableRows(table.out()).get(0)).startsWith("model.shop.int_organizations_unioned")
        .contains("33.333333");
  }

  @Test
  void totalsPerDaySumTheBuildRuns() throws Exception {
    JsonNode days = JSON.readTree(perf("totals", "--format", "json").out());
    assertThat(days).hasSize(1);
    assertThat(days.get(0).path("date").asText()).isEqualTo("2026-01-05");
    assertThat(days.get(0).path("runs").asInt()).isEqualTo(4);
    assertThat(days.get(0).path("buildSeconds").asDouble()).isCloseTo(326.622884,
        org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void criticalPathOfTheLatestRunIsAChainWithNoSlack() throws Exception {
    JsonNode cp = JSON.readTree(perf("critical-path", "--format", "json").out());
    assertThat(cp.path("path").size()).isPositive();
    assertThat(cp.path("pathSeconds").asDouble()).isLessThanOrEqualTo(cp.path("runElapsedSeconds").asDouble());
    Cli.Result table = perf("critical-path", cp.path("invocationId").asText().substring(0, 8));
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).startsWith("Run " + cp.path("invocationId").asText());
    assertThat(Cli.tableRows(table.out())).hasSize(cp.path("path").size() + 1);
    Cli.Result byRunId = perf("critical-path", cp.path("runId").asText(), "--format", "json");
    assertThat(JSON.readTree(byRunId.out()).path("path")).isEqualTo(cp.path("path"));
  }

  @Test
  void slowestTrendsAndMostExecutedRun() {
    assertThat(perf("slowest", "--by", "avg", "--limit", "3").exit()).isZero();
    assertThat(Cli.tableRows(perf("slowest", "--limit", "3").out())).hasSize(4);
    assertThat(perf("most-executed").exit()).isZero();
    Cli.Result trends = perf("trends", "--baseline", "2026-01-05..2026-01-05", "--current", "2026-01-05..2026-01-05");
    assertThat(trends.exit()).as(trends.err()).isZero();
    assertThat(trends.out()).contains("(0 rows)");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertThat(perf("trends", "--baseline", "2026-01-05", "--current", "2026-01-05..2026-01-06").exit()).isEqualTo(2);
    assertThat(perf("slowest", "--from", "yesterday").errLines()).anyMatch(l -> l.contains("--from: not a date"));
    Cli.Result unknown = perf("critical-path", "nope");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("No build run matches 'nope'");
    assertThat(Cli.run("perf").exit()).isEqualTo(2);
  }
}
