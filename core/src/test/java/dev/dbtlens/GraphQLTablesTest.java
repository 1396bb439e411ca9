package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.testdata.Samples;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GraphQL node, edge and catalog tables materialised at ingest (store.gql_*, v3-gql.sql) hold
 * what the public views give, and a database migrated from schema version 2 holds the same rows
 * as one written fresh.
 */
class GraphQLTablesTest {
  private static final String NODES = "SELECT * EXCLUDE (def_hash, compiled_hash) FROM store.gql_node ORDER BY ALL";
  private static final String EDGES = "SELECT * FROM store.gql_edge ORDER BY ALL";
  private static final String CATALOG = "SELECT * FROM store.gql_catalog ORDER BY ALL";

  @TempDir Path tmp;

  @Test
  void theSampleNodeTableMatchesTheViews() throws SQLException {
    try (DbtLens lens = DbtLens.inMemory(); Connection c = lens.connection()) {
      lens.ingest(IngestOptions.defaults(), List.of(Samples.extractShopSample(tmp)));
      // the latest manifest (005-run): 167 nodes, 16 sources, 3 exposures, 2 unit tests, 3 groups
      assertThat(rows(c, "SELECT count(*) FROM store.gql_node")).containsExactly("191");
      assertThat(rows(c, "SELECT resource_type, count(*) FROM store.gql_node GROUP BY ALL ORDER BY ALL"))
          .containsExactly("exposure 3", "group 3", "model 50", "seed 4", "snapshot 2", "source 16",
              "test 111", "unit_test 2");
      assertThat(rows(c, """
          SELECT unique_id, resource_type, name, database, schema, alias, materialized, tags, meta, config,
                 fqn, depends_on_nodes, description
          FROM store.gql_node ORDER BY unique_id""")).isEqualTo(rows(c, """
          SELECT unique_id, resource_type, name, database, schema, alias, materialized, tags, meta, config,
                 fqn, depends_on_nodes, description
          FROM nodes ORDER BY unique_id"""));
      assertThat(rows(c, "SELECT unique_id, node_type FROM store.gql_node WHERE resource_type = 'exposure' ORDER BY 1"))
          .containsExactly("exposure.shop.marketing_attribution dashboard",
              "exposure.shop.operations_sla_report dashboard", "exposure.shop.weekly_revenue_dashboard dashboard");
      assertThat(rows(c, """
          SELECT unique_id, last_run_status, success_completed_at, success_execution_time
          FROM store.gql_node WHERE last_run_status IS NOT NULL ORDER BY ALL""")).isEqualTo(rows(c, """
          SELECT a.unique_id, a.status, s.execute_completed_at, s.execution_time
          FROM store.current_execution a
          JOIN nodes n ON n.unique_id = a.unique_id
          LEFT JOIN store.current_execution s ON s.unique_id = a.unique_id AND s.kind = 'success'
          WHERE a.kind = 'attempt' ORDER BY ALL"""));
      assertThat(rows(c, EDGES)).isEqualTo(rows(c, "SELECT environment, parent_id, child_id FROM edges ORDER BY ALL"));
      assertThat(rows(c, "SELECT DISTINCT unique_id, row_count FROM store.gql_catalog ORDER BY ALL"))
          .isNotEmpty().isEqualTo(rows(c, "SELECT unique_id, row_count FROM catalog ORDER BY ALL"));
      assertThat(rows(c, "SELECT unique_id, column_name, data_type FROM store.gql_catalog WHERE column_name IS NOT NULL ORDER BY ALL"))
          .isEqualTo(rows(c, "SELECT unique_id, column_name, data_type FROM catalog_columns ORDER BY ALL"));
    }
  }

  @Test
  void aVersionTwoDatabaseIsMigratedToTheTablesAFreshIngestWrites() throws Exception {
    List<String> nodes;
    List<String> edges;
    List<String> catalog;
    try (DbtLens lens = DbtLens.open(tmp.resolve("fresh.duckdb")); Connection c = lens.connection()) {
      lens.ingest(IngestOptions.defaults().withEnvironment("prod"),
          List.of(Samples.extractShopSample(tmp.resolve("sample"))));
      nodes = rows(c, NODES);
      edges = rows(c, EDGES);
      catalog = rows(c, CATALOG);
    }
    assertThat(nodes).hasSize(191);
    // the same sample, ingested into "prod" by the previous release (schema version 2)
    Path file = MigrationTest.unpack(MigrationTest.shop(2), tmp.resolve("v2.duckdb"));
    try (DbtLens lens = DbtLens.open(file); Connection c = lens.connection()) {
      assertThat(lens.schemaVersion()).isEqualTo(DbtLens.SCHEMA_VERSION);
      assertThat(rows(c, NODES)).isEqualTo(nodes);
      assertThat(rows(c, EDGES)).isEqualTo(edges);
      assertThat(rows(c, CATALOG)).isEqualTo(catalog);
    }
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(r.getString(i));
        }
        out.add(String.join(" ", cells));
      }
    }
    return out;
  }
}
