package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphqlCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir static Path dir;
  static Path db;
  static int models;

  @BeforeAll
  static void ingestSample() {
    db = dir.resolve("graphql.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(IngestOptions.defaults(), List.of(Fixtures.sample(dir.resolve("sample"))));
      models = (int) lens.nodes(IngestOptions.DEFAULT_ENVIRONMENT).stream()
          .filter(n -> n.resourceType().equals("model")).count();
    }
  }

  @Test
  void printsTheJsonResultOfAQuery() throws Exception {
    Cli.Result r = Cli.run("graphql", "--db", db.toString(),
        "{ environment(id: \"default\") { applied { models { totalCount } } } }");

    assertThat(r.exit()).isZero();
    JsonNode json = MAPPER.readTree(r.out());
    assertThat(json.at("/data/environment/applied/models/totalCount").asInt()).isEqualTo(models);
    assertThat(json.has("errors")).isFalse();
  }

  @Test
  void readsTheQueryFromAFileWithVariables() throws Exception {
    Path query = dir.resolve("q.graphql");
    Files.writeString(query, """
        query Models($env: BigInt!, $n: Int) {
          environment(id: $env) { applied { models(first: $n) { edges { node { uniqueId } } } } }
        }""");

    Cli.Result r = Cli.run("graphql", "--db", db.toString(), "-f", query.toString(),
        "--variables", "{\"env\": \"default\", \"n\": 3}");

    assertThat(r.exit()).isZero();
    assertThat(MAPPER.readTree(r.out()).at("/data/environment/applied/models/edges")).hasSize(3);
  }

  @Test
  void aQueryWithErrorsPrintsThemAndExitsWithOne() throws Exception {
    Cli.Result r = Cli.run("graphql", "--db", db.toString(), "{ environment(id: \"prod\") { id } }");

    assertThat(r.exit()).isEqualTo(1);
    JsonNode json = MAPPER.readTree(r.out());
    assertThat(json.at("/errors/0/message").asText()).contains("Environment 'prod' not found");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(Cli.run("graphql", "--db", db.toString()).exit()).isEqualTo(2);
    assertThat(Cli.run("graphql", "--db", db.toString(), "--variables", "[1]", "{ environments { id } }").exit())
        .isEqualTo(2);
    assertThat(Cli.run("graphql", "--db", dir.resolve("missing.duckdb").toString(), "{ environments { id } }")
        .exit()).isEqualTo(2);
  }

  @Test
  void schemaPrintsTheSdl() {
    Cli.Result r = Cli.run("schema");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("type ModelAppliedStateNode implements EnvironmentAppliedNode",
        "scalar DateTime", "environment(id: BigInt!): Environment!");
  }
}
