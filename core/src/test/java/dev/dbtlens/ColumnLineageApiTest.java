package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbtlens.testdata.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column lineage through the public API, after ingesting real jaffle_shop artifacts. */
class ColumnLineageApiTest {
  static final String MANIFEST = "dbt-artifacts-parser/manifest/v12/jaffle_shop/manifest_1.10.json";
  static final String CUSTOMERS = "model.jaffle_shop.customers";
  static final String STG = "model.jaffle_shop.stg_customers";
  static final String RAW = "source.jaffle_shop.ecom.raw_customers";

  @Test
  void upstreamOfOneColumnThroughTwoModels() {
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file(MANIFEST));
      ColumnLineage up = lens.columnLineage("default", CUSTOMERS, "customer_id", ColumnDirection.UPSTREAM, 0);
      assertThat(up.columns()).extracting(n -> n.column().toString() + " " + n.depth() + " " + n.relationship()
          + " " + n.transformationType()).containsExactly(
          CUSTOMERS + ".customer_id 0 root passthrough",
          STG + ".customer_id 1 parent renamed",
          RAW + ".id 2 parent null");
      assertThat(up.edges()).containsExactly(
          new ColumnEdge(new ColumnRef(STG, "customer_id"), new ColumnRef(CUSTOMERS, "customer_id"), "passthrough", "customer_id"),
          new ColumnEdge(new ColumnRef(RAW, "id"), new ColumnRef(STG, "customer_id"), "renamed", "id"));
      // the join on customer_id is a filter-kind dependency of customers, reported apart
      assertThat(up.filters()).contains(new ColumnFilterUse(new ColumnRef(STG, "customer_id"), CUSTOMERS, "join"));
      // depth limit
      assertThat(lens.columnLineage("default", CUSTOMERS, "customer_id", ColumnDirection.UPSTREAM, 1).columns())
          .hasSize(2);
      // primary keys: unique + not_null tests on customers.customer_id and stg_customers.customer_id
      // (jq on the manifest); the source column has no tests
      assertThat(up.columns()).extracting(ColumnLineageNode::isPrimaryKey).containsExactly(true, true, false);
      // any set of roots, sources included: the direct parents and children of each, in one walk
      ColumnLineage batch = lens.columnLineage("default", List.of(new ColumnRef(RAW, "id"),
          new ColumnRef(CUSTOMERS, "customer_name"), new ColumnRef(CUSTOMERS, "no_such_column")), ColumnDirection.BOTH, 1);
      assertThat(batch.columns()).extracting(n -> n.column() + " " + n.relationship() + " " + n.isPrimaryKey())
          .containsExactly(RAW + ".id root false", CUSTOMERS + ".customer_name root false",
              CUSTOMERS + ".no_such_column root false", STG + ".customer_name parent false",
              STG + ".customer_id child true");
      assertThat(batch.edges()).extracting(e -> e.parent() + " -> " + e.child()).containsExactlyInAnyOrder(
          STG + ".customer_name -> " + CUSTOMERS + ".customer_name", RAW + ".id -> " + STG + ".customer_id");
    }
  }

  /**
   * dbt-core's defer_state manifest (python3 over the JSON): model_with_lots_of_schema_configs.id has
   * a primary_key model constraint, unique_key 'id' and unique + not_null tests (one renamed
   * my_favorite_test); outer.id has unique + not_null; seed.a and seed.b only not_null (quoted "a").
   */
  @Test
  void primaryKeysFromTestsConstraintsAndConfig() throws Exception {
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file("dbt-core/tests/functional/defer_state/data/manifest.json"));
      String lots = "model.test.model_with_lots_of_schema_configs";
      ColumnLineage l = lens.columnLineage("default", List.of(new ColumnRef(lots, "id"), new ColumnRef(lots, "created_at"),
          new ColumnRef("model.test.outer", "id"), new ColumnRef("seed.test.seed", "a"),
          new ColumnRef("seed.test.seed", "b")), ColumnDirection.BOTH, 0);
      assertThat(l.columns().subList(0, 5)).extracting(ColumnLineageNode::isPrimaryKey)
          .containsExactly(true, false, true, false, false);
      // a database whose views predate column_primary_keys (opened read-only, views not re-created):
      // lineage still answers, primary keys unknown
      try (Connection c = lens.connection(); Statement s = c.createStatement()) {
        s.execute("DROP VIEW column_primary_keys");
      }
      lens.ingest(IngestOptions.defaults().withEnvironment("other"),
          List.of(SharedArtifacts.file("dbt-core/tests/functional/defer_state/data/manifest.json")));
      assertThat(lens.columnLineage("other", List.of(new ColumnRef(lots, "id")), ColumnDirection.BOTH, 0).columns())
          .extracting(ColumnLineageNode::isPrimaryKey).containsOnlyNulls();
    }
  }

  @Test
  void downstreamImpactAndDescriptions() {
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file(MANIFEST));
      ColumnLineage impact = lens.columnImpact("default", List.of(new ColumnRef(RAW, "name")));
      assertThat(impact.columns()).extracting(n -> n.column().toString()).containsExactly(
          RAW + ".name", STG + ".customer_name", CUSTOMERS + ".customer_name");
      ColumnLineageNode stgName = impact.columns().get(1);
      assertThat(stgName.description()).isNull(); // undocumented, and so is its source column
      ColumnLineageNode own = impact.columns().get(2);
      assertThat(own.description()).isEqualTo("Customers' full name.");
      assertThat(own.descriptionOriginResourceUniqueId()).isEqualTo(CUSTOMERS);
      // stg_customers.customer_id documents itself; customers.customer_id has its own text too
      ColumnLineage id = lens.columnLineage("default", STG, "customer_id", ColumnDirection.DOWNSTREAM, 0);
      assertThat(id.columns().get(0).description()).isEqualTo("The unique key for each customer.");
      assertThatThrownBy(() -> lens.columnLineage("default", RAW, null, ColumnDirection.BOTH, 0))
          .isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void sqlViewAndNothingParsedTwice() throws Exception {
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file(MANIFEST));
      try (Connection c = lens.connection(); Statement s = c.createStatement()) {
        ResultSet r = s.executeQuery("SELECT parent_unique_id, parent_column, transformation_type FROM column_edges"
            + " WHERE environment = 'default' AND unique_id = '" + STG + "' AND column_name = 'customer_name'");
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1) + "." + r.getString(2) + " " + r.getString(3)).isEqualTo(RAW + ".name renamed");
        long models = count(s, "SELECT count(*) FROM store.column_model");
        lens.ingest(IngestOptions.defaults().withEnvironment("other"), List.of(SharedArtifacts.file(MANIFEST)));
        assertThat(count(s, "SELECT count(*) FROM store.column_model")).isEqualTo(models);
        assertThat(count(s, "SELECT count(*) FROM store.column_current WHERE environment = 'other'"))
            .isEqualTo(count(s, "SELECT count(*) FROM store.column_current WHERE environment = 'default'"));
      }
    }
  }

  @TempDir Path tmp;

  /**
   * A re-run whose changes lineage cannot see (a model's description) leaves the digest of the
   * lineage's inputs and the stored lineage as they were (the post-ingest step analyzes nothing);
   * a changed compiled SQL is analyzed again.
   */
  @Test
  void onlyChangesLineageCanSeeRunTheStepAgain() throws Exception {
    Path build = Samples.extractShopSample(tmp.resolve("sample")).resolve("001-build/manifest.json");
    String text = Files.readString(build, StandardCharsets.UTF_8);
    String id = "1d7b3296-40af-4787-8188-f3c08959b7ec";
    // the marker is "snapshot and catalog#digest of what lineage reads"
    String state = "SELECT split_part(marker, '#', 2) FROM store.column_state WHERE environment = 'default'";
    String current = "SELECT string_agg(unique_id || '=' || lineage_key, ',' ORDER BY unique_id) FROM store.column_current";
    String stg = "model.shop.stg_shopify__customers";
    try (DbtLens lens = DbtLens.inMemory(); Connection c = lens.connection(); Statement s = c.createStatement()) {
      lens.ingest(build);
      String marker = string(s, state);
      String keys = string(s, current);
      assertThat(columns(s, stg)).contains("loaded_at").doesNotContain("synced_at");

      String described = text.replace(id, "44444444-4444-4444-4444-444444444444")
          .replace("\"description\":\"Cleaned customers from shopify:", "\"description\":\"Customers from shopify:");
      assertThat(described).isNotEqualTo(text.replace(id, "44444444-4444-4444-4444-444444444444"));
      IngestReport r = lens.ingest(write("described", described));
      assertThat(r.definitionsAdded()).isEqualTo(1);
      assertThat(string(s, state)).isEqualTo(marker);
      assertThat(string(s, current)).isEqualTo(keys);

      String recompiled = text.replace(id, "55555555-5555-5555-5555-555555555555")
          .replace("_fivetran_synced as loaded_at", "_fivetran_synced as synced_at");
      lens.ingest(write("recompiled", recompiled));
      assertThat(string(s, state)).isNotEqualTo(marker);
      assertThat(string(s, current)).isNotEqualTo(keys);
      assertThat(columns(s, stg)).contains("synced_at").doesNotContain("loaded_at");
    }
  }

  private Path write(String dir, String text) throws Exception {
    Path to = tmp.resolve(dir).resolve("manifest.json");
    Files.createDirectories(to.getParent());
    Files.writeString(to, text, StandardCharsets.UTF_8);
    return to;
  }

  private static List<String> columns(Statement s, String uniqueId) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (ResultSet r = s.executeQuery("SELECT DISTINCT column_name FROM column_edges WHERE unique_id = '"
        + uniqueId + "' ORDER BY 1")) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  private static String string(Statement s, String sql) throws Exception {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
