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

/** {@code dbtlens search} on the bundled sample and {@code dbtlens mesh} on testdata/mesh. */
class SearchMeshCommandsTest {
  private static final Path MESH = Path.of("..", "testdata", "mesh").toAbsolutePath().normalize();
  @TempDir static Path dir;
  static Path sampleDb;
  static Path meshDb;

  @BeforeAll
  static void databases() {
    sampleDb = dir.resolve("sample.duckdb");
    try (DbtLens lens = DbtLens.open(sampleDb)) {
      lens.ingest(IngestOptions.defaults(), List.of(Fixtures.sample(dir.resolve("sample"))));
    }
    meshDb = dir.resolve("mesh.duckdb");
    try (DbtLens lens = DbtLens.open(meshDb)) {
      lens.ingest(IngestOptions.defaults().withEnvironment("platform-prod"), List.of(MESH.resolve("platform")));
      lens.ingest(IngestOptions.defaults().withEnvironment("finance-prod"), List.of(MESH.resolve("finance")));
    }
  }

  /** The sample's two versions of dim_customers are its only descriptions with "customer" and "lifetime". */
  @Test
  void searchRanksAndHighlights() {
    Cli.Result r = Cli.run("search", "--db", sampleDb.toString(), "customer", "lifetime");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("model.shop.dim_customers.v2", "model.shop.dim_customers.v1",
        "[customer]", "[lifetime]", "hits 1-2 of 2");
  }

  @Test
  void searchJsonPages() throws Exception {
    Cli.Result first = Cli.run("search", "--db", sampleDb.toString(), "--field", "column",
        "--limit", "3", "--format", "json", "email");
    Cli.Result rest = Cli.run("search", "--db", sampleDb.toString(), "--field", "column",
        "--limit", "100", "--offset", "3", "--format", "json", "email");
    List<String> lines = first.out().lines().toList();
    assertThat(lines).hasSize(3);
    JsonNode hit = new ObjectMapper().readTree(lines.get(0));
    assertThat(hit.path("matched_field").asText()).isEqualTo("column");
    assertThat(hit.path("highlight").asText()).contains("<em>email</em>");
    assertThat(rest.out().lines().toList()).doesNotContainAnyElementsOf(lines);
  }

  @Test
  void searchRejectsAnUnknownField() {
    Cli.Result r = Cli.run("search", "--db", sampleDb.toString(), "--field", "colour", "x");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown search field 'colour'");
  }

  @Test
  void meshTable() {
    Cli.Result r = Cli.run("mesh", "--db", meshDb.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().map(String::strip).toList()).anyMatch(l -> l.matches("finance\\s+platform\\s+2\\s+model.platform.dim_customers, model.platform.fct_orders"))
        .anyMatch(l -> l.matches("model.finance.revenue\\s+true\\s+platform\\s+model.platform.fct_orders"));
  }

  @Test
  void meshJson() throws Exception {
    Cli.Result r = Cli.run("mesh", "--db", meshDb.toString(), "--format", "json");
    JsonNode mesh = new ObjectMapper().readTree(r.out());
    assertThat(mesh.path("account_id").asLong()).isEqualTo(1);
    assertThat(mesh.at("/projects/0/project").asText()).isEqualTo("platform");
    assertThat(mesh.at("/projects/0/summary/publicModels").asInt()).isEqualTo(2);
    assertThat(mesh.path("public_models")).hasSize(3);
  }
}
