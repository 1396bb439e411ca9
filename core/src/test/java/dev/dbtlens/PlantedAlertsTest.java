package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.testdata.PerformancePlants;
import dev.dbtlens.testdata.PlantedViolation;
import dev.dbtlens.testdata.ProjectGenerator;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts on the generator's planted answers: a staging model made to depend on another staging
 * model ({@code recommendation_new}), and a model made slower from one invocation on ({@code
 * model_slower}, expected invocations computed from the generated run_results apart from dbtlens).
 */
class PlantedAlertsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void aPlantedViolationAlertsOnceAndTheFirstManifestDoesNot() throws Exception {
    Path plain = tmp.resolve("plain");
    Path planted = tmp.resolve("planted");
    ProjectGenerator.generate(ProjectGenerator.Options.defaults(), plain);
    ProjectGenerator.generate(ProjectGenerator.Options.defaults(), planted,
        Set.of(PlantedViolation.STAGING_DEPENDS_ON_STAGING));
    List<Path> plainRuns = folders(plain);
    List<Path> plantedRuns = folders(planted);
    try (DbtLens lens = DbtLens.inMemory()) {
      IngestOptions options = IngestOptions.defaults().withEnvironment("gen");
      // the environment's first manifests: their violations are not news
      IngestReport first = lens.ingest(options, plainRuns);
      assertThat(lens.recommendations("gen", null).violations()).isNotEmpty();
      assertThat(first.alerts()).extracting(Alert::kind).doesNotContain("recommendation_new");
      // the same last manifest with the plant, as a later invocation: exactly the planted violations alert
      Path manifest = plantedRuns.get(plantedRuns.size() - 1).resolve("manifest.json");
      com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode)
          JSON.readTree(manifest.toFile());
      IngestReport second = lens.ingest(options, List.of(later(m, "00000000-0000-4000-8000-00000000beef")));
      List<Alert> fresh = second.alerts().stream().filter(a -> a.kind().equals("recommendation_new")).toList();
      assertThat(fresh).extracting(Alert::ruleName, Alert::uniqueId, Alert::violationId).containsExactly(
          org.assertj.core.groups.Tuple.tuple("fct_direct_join_to_source", "model.shop.stg_zendesk__reviews",
              "fct_direct_join_to_source:model.shop.stg_zendesk__reviews,source.shop.zendesk.reviews,"
                  + "model.shop.stg_shopify__customers"),
          org.assertj.core.groups.Tuple.tuple("fct_staging_dependent_on_staging", "model.shop.stg_zendesk__reviews",
              "fct_staging_dependent_on_staging:model.shop.stg_zendesk__reviews,model.shop.stg_shopify__customers"));
      Alert staging = fresh.get(1);
      assertThat(staging.category()).isEqualTo("modeling");
      assertThat(staging.resourceType()).isEqualTo("model");
      assertThat(staging.severity()).isEqualTo("warn");
      assertThat(staging.message()).isEqualTo("recommendation fct_staging_dependent_on_staging (modeling) on "
          + "model.shop.stg_zendesk__reviews: staging model selects from staging model stg_shopify__customers: "
          + "staging models should select from sources only");
      assertThat(staging.invocationId()).isEqualTo("00000000-0000-4000-8000-00000000beef");
      // kept once: in the alerts view with its rule and category, and not raised again
      assertThat(lens.alerts().list("gen", 1000)).filteredOn(a -> a.kind().equals("recommendation_new"))
          .extracting(Alert::id).containsExactlyInAnyOrder(fresh.get(0).id(), fresh.get(1).id());
      assertThat(lens.alerts().derive("gen")).isEmpty();
      List<String> rows = new ArrayList<>();
      try (java.sql.Connection c = lens.connection(); java.sql.Statement s = c.createStatement();
           java.sql.ResultSet r = s.executeQuery("SELECT rule_name, category FROM alerts"
               + " WHERE kind = 'recommendation_new' ORDER BY alert_id")) {
        while (r.next()) {
          rows.add(r.getString(1) + " " + r.getString(2));
        }
      }
      assertThat(rows).containsExactly("fct_direct_join_to_source modeling",
          "fct_staging_dependent_on_staging modeling");
      // the plant removed: a disappearing violation raises nothing; planted again: it is new again
      com.fasterxml.jackson.databind.node.ObjectNode p = (com.fasterxml.jackson.databind.node.ObjectNode)
          JSON.readTree(plainRuns.get(plainRuns.size() - 1).resolve("manifest.json").toFile());
      assertThat(lens.ingest(options, List.of(later(p, "00000000-0000-4000-8000-00000000bee1"))).alerts())
          .extracting(Alert::kind).doesNotContain("recommendation_new");
      // a manifest with a cycle is not evaluated: it raises nothing and leaves the baseline as it was
      com.fasterxml.jackson.databind.node.ObjectNode cyclic = p.deepCopy();
      String stg = "model.shop.stg_shopify__customers";
      String child = cyclic.get("child_map").get(stg).get(0).asText();
      ((com.fasterxml.jackson.databind.node.ArrayNode) cyclic.get("parent_map").get(stg)).add(child);
      assertThat(lens.ingest(options, List.of(later(cyclic, "00000000-0000-4000-8000-00000000bee3"))).alerts())
          .extracting(Alert::kind).doesNotContain("recommendation_new");
      try (java.sql.Connection c = lens.connection(); java.sql.Statement st = c.createStatement();
           java.sql.ResultSet r = st.executeQuery("SELECT count(*) FROM recommendations")) {
        assertThat(r.next() && r.getLong(1) == 0).as("no stored evaluation of the cyclic manifest").isTrue();
      }
      assertThat(lens.ingest(options, List.of(later(m, "00000000-0000-4000-8000-00000000bee2"))).alerts())
          .filteredOn(a -> a.kind().equals("recommendation_new"))
          .extracting(Alert::violationId, Alert::invocationId).containsExactly(
              org.assertj.core.groups.Tuple.tuple(fresh.get(0).violationId(), "00000000-0000-4000-8000-00000000bee2"),
              org.assertj.core.groups.Tuple.tuple(fresh.get(1).violationId(), "00000000-0000-4000-8000-00000000bee2"));
    }
  }

  @Test
  void modelSlowerFiresForTheSlowedModelWhenItFirstCrossesTheRule() throws IOException {
    Path out = tmp.resolve("history");
    ProjectGenerator.generate(new ProjectGenerator.Options(60, 46, 7L), new PerformancePlants(19, 3.0, 30), out);
    Properties planted = new Properties();
    try (Reader r = Files.newBufferedReader(out.resolve(PerformancePlants.FILE))) {
      planted.load(r);
    }
    String slowed = planted.getProperty("slowed_model");
    List<Path> runs = folders(out);
    assertThat(runs).hasSize(46);
    Set<String> expected = expectedSlower(runs);
    Set<String> got = new TreeSet<>();
    try (DbtLens lens = DbtLens.inMemory()) {
      for (Path run : runs) {
        for (Alert a : lens.ingest(IngestOptions.defaults().withEnvironment("gen"), List.of(run)).alerts()) {
          if (a.kind().equals("model_slower")) {
            got.add(run.getFileName() + " " + a.uniqueId());
            assertThat(a.executionTime()).isGreaterThan(2 * a.baselineTime());
          }
        }
      }
    }
    assertThat(got).isEqualTo(expected);
    assertThat(expected).isNotEmpty().allMatch(s -> s.endsWith(" " + slowed));
    // the slowdown starts at invocation 19: the first alert comes with it
    assertThat(expected.iterator().next()).startsWith(runs.get(18).getFileName() + " ");
  }

  /**
   * The model_slower rule of docs/alerts.md over the run_results files in order: a successful
   * execution more than 2x (and 1 s above) the median of the node's up to 20 earlier successful
   * executions among its 20 earlier results (at least 3).
   */
  private static Set<String> expectedSlower(List<Path> runs) throws IOException {
    Map<String, List<JsonNode>> history = new HashMap<>();
    Set<String> expected = new TreeSet<>();
    for (Path run : runs) {
      Path rr = run.resolve("run_results.json");
      if (!Files.exists(rr)) {
        continue;
      }
      for (JsonNode r : JSON.readTree(rr.toFile()).get("results")) {
        String id = r.get("unique_id").asText();
        String status = r.get("status").asText();
        if (status.equals("skipped")) {
          continue;
        }
        List<JsonNode> before = history.computeIfAbsent(id, k -> new ArrayList<>());
        String type = id.substring(0, id.indexOf('.'));
        if (Set.of("model", "seed", "snapshot").contains(type) && status.equals("success")) {
          List<Double> times = new ArrayList<>();
          for (JsonNode p : before.subList(Math.max(0, before.size() - 20), before.size())) {
            if (p.get("status").asText().equals("success") && p.hasNonNull("execution_time")) {
              times.add(p.get("execution_time").asDouble());
            }
          }
          if (times.size() >= 3) {
            times.sort(null);
            int n = times.size();
            double median = n % 2 == 1 ? times.get(n / 2) : (times.get(n / 2 - 1) + times.get(n / 2)) / 2;
            double t = r.get("execution_time").asDouble();
            if (t > 2 * median && t - median >= 1) {
              expected.add(run.getFileName() + " " + id);
            }
          }
        }
        before.add(r);
      }
    }
    return expected;
  }

  /** Writes a manifest as another invocation's, into a folder of its own. */
  private Path later(com.fasterxml.jackson.databind.node.ObjectNode manifest, String invocationId)
      throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode copy = manifest.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("metadata")).put("invocation_id", invocationId);
    Path file = Files.createDirectories(tmp.resolve(invocationId)).resolve("manifest.json");
    JSON.writeValue(file.toFile(), copy);
    return file;
  }

  private static List<Path> folders(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }
}
