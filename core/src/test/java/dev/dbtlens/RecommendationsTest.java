package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbtlens.testdata.PlantedViolation;
import dev.dbtlens.testdata.ProjectGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recommendations on real manifests (expected values computed independently with python3 over the
 * manifest JSON: parents and children from depends_on, tests from test_metadata and attached_node)
 * and on a generated project with a planted staging-on-staging dependency.
 */
class RecommendationsTest {
  static final String JAFFLE = "dbt-artifacts-parser/manifest/v12/jaffle_shop/manifest_1.12.json";
  static final String TUVA = "tuva/manifest-v11_dbt-1.7.8_41072bf5/manifest.json";

  @TempDir static Path tmp;
  static DbtLens lens;

  @BeforeAll
  static void ingest() {
    lens = DbtLens.inMemory();
    lens.ingest(IngestOptions.defaults().withEnvironment("jaffle"), List.of(SharedArtifacts.file(JAFFLE)));
    lens.ingest(IngestOptions.defaults().withEnvironment("tuva"), List.of(SharedArtifacts.file(TUVA)));
  }

  @AfterAll
  static void close() {
    if (lens != null) {
      lens.close();
    }
  }

  static List<String> ids(Recommendations r, String rule) {
    return r.of(rule).stream().map(Recommendation::uniqueId).toList();
  }

  @Test
  void jaffleShopViolationsAndMetrics() {
    Recommendations r = lens.recommendations("jaffle", null);
    assertThat(r.project()).isEqualTo("jaffle_shop");
    List<String> untested = List.of("model.jaffle_shop.locations", "model.jaffle_shop.metricflow_time_spine",
        "model.jaffle_shop.products", "model.jaffle_shop.supplies");
    assertThat(ids(r, "fct_untested_models")).isEqualTo(untested);
    assertThat(ids(r, "fct_missing_primary_key_tests")).isEqualTo(untested);
    assertThat(ids(r, "fct_root_models")).containsExactly("model.jaffle_shop.metricflow_time_spine");
    assertThat(r.of("fct_rejoining_of_upstream_concepts")).singleElement().satisfies(v -> {
      assertThat(v.uniqueId()).isEqualTo("model.jaffle_shop.order_items");
      assertThat(v.nodes()).containsExactly("model.jaffle_shop.order_items", "model.jaffle_shop.stg_orders",
          "model.jaffle_shop.orders");
      assertThat(v.category()).isEqualTo("modeling");
      assertThat(v.severity()).isEqualTo("warn");
    });
    assertThat(ids(r, "fct_undocumented_source_tables")).containsExactly("source.jaffle_shop.ecom.raw_stores");
    assertThat(r.of("fct_direct_join_to_source")).isEmpty();
    assertThat(r.of("fct_multiple_sources_joined")).isEmpty();
    assertThat(r.of("fct_model_fanout")).isEmpty();
    assertThat(r.of("fct_undocumented_models")).isEmpty();
    assertThat(r.of("fct_unused_sources")).isEmpty();
    // every mart lacks fct_/dim_; every staging model and source sits in models/staging, not staging/ecom
    assertThat(r.of("fct_model_naming_conventions")).hasSize(7);
    assertThat(r.of("fct_model_directories")).hasSize(6);
    assertThat(r.of("fct_source_directories")).hasSize(6);
    assertThat(r.of("fct_test_coverage")).singleElement().satisfies(v -> {
      assertThat(v.uniqueId()).isNull();
      assertThat(v.description()).isEqualTo("test coverage 69.23% (9 of 13 models) is below the target 100%");
    });
    assertThat(r.metric("test_coverage_pct")).contains(69.23);
    assertThat(r.metric("documentation_coverage_pct")).contains(100.0);
    assertThat(r.metric("total_models")).contains(13.0);
    assertThat(r.metric("modeling_violations")).contains(2.0);
    assertThat(r.metric("testing_violations")).contains(9.0);
    assertThat(r.metric("documentation_violations")).contains(1.0);
    assertThat(r.metric("structure_violations")).contains(19.0);
    assertThat(r.metric("total_violations")).contains(31.0);
    assertThat(r.hasErrors()).isFalse();
  }

  @Test
  void theSqlViewsHoldTheDefaultsOfTheLatestManifest() throws Exception {
    Recommendations r = lens.recommendations("jaffle", null);
    List<String> stored = new java.util.ArrayList<>();
    try (java.sql.Connection c = lens.connection(); java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT violation_id, description FROM recommendations"
            + " WHERE environment = 'jaffle'")) {
      while (rs.next()) {
        stored.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    assertThat(stored).containsExactlyInAnyOrderElementsOf(
        r.violations().stream().map(v -> v.violationId() + " " + v.description()).toList());
    try (java.sql.Connection c = lens.connection(); java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT value FROM recommendation_metrics"
            + " WHERE environment = 'jaffle' AND name = 'test_coverage_pct'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getDouble(1)).isEqualTo(69.23);
    }
  }

  @Test
  void thresholdsAndSeveritiesAreOptions() {
    RecommendationOptions o = RecommendationOptions.defaults()
        .withVar("test_coverage_target", "60")
        .withVar("marts_prefixes", "fct_, dim_, ''")
        .withSeverity("fct_root_models", "error")
        .withoutRule("fct_source_directories");
    Recommendations r = lens.recommendations("jaffle", o);
    assertThat(r.of("fct_test_coverage")).isEmpty();
    assertThat(r.of("fct_source_directories")).isEmpty();
    assertThat(r.of("fct_root_models")).singleElement().extracting(Recommendation::severity).isEqualTo("error");
    assertThat(r.hasErrors()).isTrue();
    assertThatThrownBy(() -> RecommendationOptions.defaults().withVar("models_fanout", "2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown variable 'models_fanout'");
    assertThatThrownBy(() -> RecommendationOptions.defaults().withVar("severity", "fatal"))
        .hasMessageContaining("severity is warn or error");
  }

  @Test
  void tuvaWithItsPackage() {
    Recommendations root = lens.recommendations("tuva", null);
    assertThat(root.project()).isEqualTo("input_layer");
    assertThat(root.metric("total_models")).contains(12.0);
    Recommendations r = lens.recommendations("tuva", RecommendationOptions.defaults().withVar("include_packages", "true"));
    assertThat(r.metric("total_models")).contains(297.0);
    assertThat(r.of("fct_untested_models")).hasSize(270);
    assertThat(r.metric("test_coverage_pct")).contains(9.09);
    assertThat(r.of("fct_missing_primary_key_tests")).hasSize(293);
    assertThat(r.of("fct_undocumented_models")).hasSize(92);
    assertThat(r.of("fct_rejoining_of_upstream_concepts")).hasSize(39);
    assertThat(ids(r, "fct_model_fanout")).containsExactly("model.the_tuva_project.core__medical_claim",
        "model.the_tuva_project.core__pharmacy_claim");
    assertThat(ids(r, "fct_root_models")).containsExactly("model.input_layer.condition", "model.input_layer.encounter",
        "model.input_layer.lab_result", "model.input_layer.location", "model.input_layer.medication",
        "model.input_layer.observation", "model.input_layer.patient", "model.input_layer.practitioner",
        "model.input_layer.procedure", "model.the_tuva_project.quality_measures__int_nqf0034__performance_period");
  }

  /** The bundled sample; expected ids from python over 005-run/manifest.json (longest view chains by recursion). */
  @Test
  void sampleChainsOfViewsExposuresAndContracts() {
    try (DbtLens shop = DbtLens.inMemory()) {
      shop.ingest(IngestOptions.defaults(), List.of(dev.dbtlens.testdata.Samples.extractShopSample(tmp.resolve("shop"))));
      Recommendations r = shop.recommendations("default", null);
      assertThat(ids(r, "fct_chained_views_dependencies")).containsExactly("model.shop.dim_customers.v1",
          "model.shop.dim_customers.v2", "model.shop.dim_products", "model.shop.dim_suppliers",
          "model.shop.fct_subscriptions", "model.shop.int_organizations_unioned");
      assertThat(r.of("fct_exposure_parents_materializations")).singleElement()
          .extracting(Recommendation::nodes).isEqualTo(List.of("exposure.shop.weekly_revenue_dashboard",
              "source.shop.shopify.customers"));
      assertThat(r.of("fct_public_models_without_contract")).hasSize(13);
      assertThat(shop.recommendations("default", RecommendationOptions.defaults().withVar("chained_views_threshold", "6"))
          .of("fct_chained_views_dependencies")).extracting(Recommendation::uniqueId).containsExactly(
          "model.shop.dim_customers.v1", "model.shop.dim_customers.v2", "model.shop.dim_suppliers");
    }
  }

  @Test
  void plantedStagingOnStaging() {
    Path plain = tmp.resolve("plain");
    Path planted = tmp.resolve("planted");
    ProjectGenerator.generate(ProjectGenerator.Options.defaults(), plain);
    ProjectGenerator.generate(ProjectGenerator.Options.defaults(), planted,
        Set.of(PlantedViolation.STAGING_DEPENDS_ON_STAGING));
    try (DbtLens gen = DbtLens.inMemory()) {
      gen.ingest(IngestOptions.defaults().withEnvironment("plain"), List.of(plain));
      gen.ingest(IngestOptions.defaults().withEnvironment("planted"), List.of(planted));
      Recommendations before = gen.recommendations("plain", null);
      Recommendations r = gen.recommendations("planted", null);
      assertThat(before.of("fct_staging_dependent_on_staging")).isEmpty();
      // the plant adds one edge: the staging model now also joins a source to a model
      assertThat(r.violations().stream().map(Recommendation::violationId).filter(id ->
          before.violations().stream().noneMatch(b -> b.violationId().equals(id))))
          .containsExactly("fct_direct_join_to_source:model.shop.stg_zendesk__reviews,source.shop.zendesk.reviews,"
              + "model.shop.stg_shopify__customers",
              "fct_staging_dependent_on_staging:model.shop.stg_zendesk__reviews,model.shop.stg_shopify__customers");
      assertThat(r.violations()).hasSize(before.violations().size() + 2);
      assertThat(r.of("fct_staging_dependent_on_staging")).singleElement().satisfies(v -> {
        assertThat(v.uniqueId()).isEqualTo("model.shop.stg_zendesk__reviews");
        assertThat(v.nodes()).containsExactly("model.shop.stg_zendesk__reviews",
            "model.shop.stg_shopify__customers");
        assertThat(v.description()).isEqualTo("staging model selects from staging model stg_shopify__customers: "
            + "staging models should select from sources only");
      });
    }
  }
}
