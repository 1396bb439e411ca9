package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two hand-written projects that refer to each other ({@code testdata/mesh/README.md} lists every
 * node): platform in two environments, finance in one.
 */
class MeshTest {
  static final Path MESH = Path.of("..", "testdata", "mesh").toAbsolutePath().normalize();
  private static DbtLens lens;

  @BeforeAll
  static void ingest() {
    lens = DbtLens.inMemory();
    ingest(lens);
  }

  static void ingest(DbtLens lens) {
    lens.ingest(IngestOptions.defaults().withEnvironment("platform-prod"), List.of(MESH.resolve("platform")));
    lens.ingest(IngestOptions.defaults().withEnvironment("finance-prod"), List.of(MESH.resolve("finance")));
    lens.ingest(IngestOptions.defaults().withEnvironment("platform-dev"),
        List.of(MESH.resolve("platform/manifest.json")));
  }

  @AfterAll
  static void close() {
    lens.close();
  }

  @Test
  void projects() {
    Mesh mesh = lens.mesh();
    assertThat(mesh.accountId()).isEqualTo(1);
    assertThat(mesh.projects()).extracting(MeshProject::dbtProject, MeshProject::projectId,
            MeshProject::defaultEnvironment, MeshProject::environments, MeshProject::producer,
            MeshProject::consumer)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("platform", 1L, "platform-prod",
                List.of("platform-prod", "platform-dev"), true, true),
            org.assertj.core.groups.Tuple.tuple("finance", 2L, "finance-prod", List.of("finance-prod"), true, true));
    assertThat(mesh.projects().get(0).summary())
        .isEqualTo(new MeshProject.Summary(8, 5, 2, 2, 0, 0, 1, 0, 0, 0, 0));
    assertThat(mesh.projects().get(1).summary())
        .isEqualTo(new MeshProject.Summary(4, 3, 1, 1, 0, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void dependencies() {
    assertThat(lens.mesh().dependencies()).containsExactly(
        new ProjectDependency("platform", 1, "finance", 2, 1, List.of("model.finance.revenue")),
        new ProjectDependency("finance", 2, "platform", 1, 2,
            List.of("model.platform.dim_customers", "model.platform.fct_orders")));
    MeshProject platform = lens.mesh().projects().get(0);
    assertThat(platform.dependentProjects()).extracting(ProjectDependency::consumerProject)
        .containsExactly("finance");
    assertThat(platform.upstreamProjects()).extracting(ProjectDependency::producerProject)
        .containsExactly("finance");
  }

  @Test
  void publicModels() {
    List<PublicModel> models = lens.mesh().publicModels();
    assertThat(models).extracting(PublicModel::environment, PublicModel::uniqueId).containsExactly(
        org.assertj.core.groups.Tuple.tuple("platform-prod", "model.platform.dim_customers"),
        org.assertj.core.groups.Tuple.tuple("platform-prod", "model.platform.fct_orders"),
        org.assertj.core.groups.Tuple.tuple("platform-dev", "model.platform.dim_customers"),
        org.assertj.core.groups.Tuple.tuple("platform-dev", "model.platform.fct_orders"),
        org.assertj.core.groups.Tuple.tuple("finance-prod", "model.finance.revenue"));
    PublicModel dim = models.get(0);
    assertThat(dim.defaultEnvironment()).isTrue();
    assertThat(dim.lastRunStatus()).isEqualTo("error");
    assertThat(dim.columnCount()).isEqualTo(2);
    assertThat(dim.contractEnforced()).isTrue();
    assertThat(dim.group()).isEqualTo("core");
    assertThat(dim.consumerProjects()).containsExactly("finance");
    assertThat(dim.publicAncestors()).containsExactly("model.finance.revenue");
    assertThat(dim.relationName()).isEqualTo("\"analytics\".\"platform\".\"dim_customers\"");
    PublicModel orders = models.get(1);
    assertThat(orders.lastRunStatus()).isEqualTo("success");
    assertThat(orders.materialized()).isEqualTo("incremental");
    assertThat(orders.latestVersion()).isEqualTo("2");
    assertThat(orders.deprecationDate()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(orders.publicAncestors()).isEmpty();
    assertThat(models.get(2).defaultEnvironment()).isFalse();
    assertThat(models.get(2).lastRunStatus()).isNull();
    PublicModel revenue = models.get(4);
    assertThat(revenue.projectId()).isEqualTo(2);
    assertThat(revenue.consumerProjects()).containsExactly("platform");
    assertThat(revenue.publicAncestors()).containsExactly("model.platform.fct_orders");
  }

  @Test
  void views() throws Exception {
    try (Connection c = lens.connection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT consumer_project, child_id, parent_id FROM cross_project_refs"
            + " ORDER BY environment, child_id")) {
      List<String> rows = new ArrayList<>();
      while (r.next()) {
        rows.add(r.getString(1) + " " + r.getString(2) + " -> " + r.getString(3));
      }
      assertThat(rows).containsExactly(
          "finance model.finance.finance_kpis -> model.platform.dim_customers",
          "finance model.finance.revenue -> model.platform.fct_orders",
          "platform model.platform.dim_customers -> model.finance.revenue",
          "platform model.platform.dim_customers -> model.finance.revenue");
    }
  }

  /** dbt copies DBT_ENV_CUSTOM_ENV_DBT_CLOUD_ACCOUNT_ID into metadata.env as DBT_CLOUD_ACCOUNT_ID. */
  @Test
  void theAccountIdComesFromTheFirstIngestThatSawOne(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode manifest = (com.fasterxml.jackson.databind.node.ObjectNode)
        json.readTree(MESH.resolve("finance/manifest.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("metadata").get("env"))
        .put("DBT_CLOUD_ACCOUNT_ID", "4242");
    Path file = dir.resolve("manifest.json");
    json.writeValue(file.toFile(), manifest);
    try (DbtLens db = DbtLens.inMemory()) {
      db.ingest(IngestOptions.defaults().withEnvironment("platform"), List.of(MESH.resolve("platform/manifest.json")));
      assertThat(db.mesh().accountId()).isEqualTo(Mesh.DEFAULT_ACCOUNT_ID);
      db.ingest(IngestOptions.defaults().withEnvironment("finance"), List.of(file));
      assertThat(db.mesh().accountId()).isEqualTo(4242);
      ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("metadata").get("env"))
          .put("DBT_CLOUD_ACCOUNT_ID", "7");
      json.writeValue(file.toFile(), manifest);
      IngestReport report = db.ingest(IngestOptions.defaults().withEnvironment("finance-2"), List.of(file));
      assertThat(db.mesh().accountId()).isEqualTo(4242);
      assertThat(report.warnings()).anyMatch(w -> w.contains("account id is 4242"));
    }
  }

  @Test
  void aSingleProjectIsNeitherProducerNorConsumer() {
    try (DbtLens one = DbtLens.inMemory()) {
      one.ingest(MESH.resolve("finance"));
      Mesh mesh = one.mesh();
      assertThat(mesh.projects()).singleElement().satisfies(p -> {
        assertThat(p.dbtProject()).isEqualTo("finance");
        assertThat(p.producer()).isFalse();
        assertThat(p.consumer()).isFalse();
      });
      assertThat(mesh.dependencies()).isEmpty();
      assertThat(mesh.publicModels()).singleElement().satisfies(m -> {
        assertThat(m.consumerProjects()).isEmpty();
        assertThat(m.publicAncestors()).isEmpty();
      });
    }
  }
}
