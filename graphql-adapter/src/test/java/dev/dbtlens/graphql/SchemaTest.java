package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.DbtLens;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SDL: where it lives, what {@code printSchema} prints, and the Discovery API's names. */
class SchemaTest {
  @Test
  void theSdlLivesUnderTheModulesOwnResourcePathAndPrintsBack() throws Exception {
    try (InputStream in = DbtLensGraphQL.class.getResourceAsStream("/dev/dbtlens/graphql/schema.graphqls")) {
      assertThat(in).isNotNull();
    }
    try (DbtLens lens = DbtLens.inMemory()) {
      String sdl = DbtLensGraphQL.create(lens).printSchema();
      TypeDefinitionRegistry printed = new SchemaParser().parse(sdl);
      for (String type : new String[] {"Query", "Environment", "AppliedState", "DefinitionState",
          "ModelAppliedStateNode", "SourceAppliedStateNode", "TestAppliedStateNode",
          "SeedAppliedStateNode", "SnapshotAppliedStateNode", "ExposureAppliedStateNode",
          "EnvironmentAppliedNode", "ModelExecutionInfoNode", "CatalogNode", "SourceFreshnessNode",
          "LineageNode", "JobNode", "RunResultNode", "PageInfo", "ModelAppliedStateNodeConnection",
          "DateTime", "JSONObject", "BigInt", "AnyScalar", "TestType", "FreshnessStatus",
          "AppliedModelSortField", "ModelAppliedFilter", "LineageFilter"}) {
        assertThat(printed.getTypeOrNull(type)).as(type).isNotNull();
      }
      assertThat(sdl).contains("GENERIC_DATA_TEST", "Pass", "executeCompletedAt", "modelHistoricalRuns");
    }
  }

  @Test
  void anEmptyDatabaseAnswersWithEmptyListsAndClearErrors() {
    try (DbtLens lens = DbtLens.inMemory()) {
      DbtLensGraphQL graphql = DbtLensGraphQL.create(lens);
      JsonNode data = Gql.data(graphql, "{ environments { id } }");
      assertThat(data.path("environments")).isEmpty();
      GraphQLResult r = graphql.execute("{ environment(id: \"default\") { id } }", Map.of());
      assertThat(Gql.messages(r)).containsExactly("Environment 'default' not found; the database has [].");
    }
  }
}
