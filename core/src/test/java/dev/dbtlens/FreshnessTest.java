package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freshness reports on real sources.json files and dbt Fusion artifacts, and on tiny artifacts
 * written here with known staleness. Expected values are read from the files with jq (the command
 * is in each comment) or follow by hand from the values this test writes.
 */
class FreshnessTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String FUSION = "dbt-fusion_e-elikem+dbt_fundamentals";
  private static final String FUSION_FIRST = FUSION + "/manifest-v12_dbt-2.0.0-preview.199_01adb77f";
  /** A real {@code dbt build} (dbt 0.21.1): 16 models and 13 seeds, all successful. */
  private static final String TUVA_BUILD = "tuva/manifest-v3_dbt-0.21.1_a5966ba1";
  /** A real {@code dbt docs generate} (dbt 0.20.0): run_results with "success" for what it compiled. */
  private static final String TUVA_DOCS = "tuva/manifest-v2_dbt-0.20.0_8b633c42";

  @TempDir static Path tmp;

  /** One database for every test, each fixture in its own environment. */
  private static DbtLens lens;

  /** The random DAG's check and build times, by unique id. */
  private static final Map<String, Instant> DAG_TIMES = new HashMap<>();
  private static final List<String> DAG_IDS = new ArrayList<>();

  @BeforeAll
  static void ingest() throws IOException {
    lens = DbtLens.inMemory();
    for (Path file : realSourcesFiles()) {
      lens.ingest(env(realEnvironment(file)), List.of(file));
    }
    lens.ingest(env("fusion"), List.of(SharedArtifacts.file(FUSION)));
    lens.ingest(env("first"), List.of(SharedArtifacts.file(FUSION_FIRST + "/sources.json")));
    for (String which : List.of(TUVA_BUILD, TUVA_DOCS)) {
      lens.ingest(env(which), List.of(SharedArtifacts.file(which + "/manifest.json"),
          SharedArtifacts.file(which + "/run_results.json")));
    }
    lens.ingest(env("shop"), List.of(shop()));
    lens.ingest(env("dag"), List.of(dag()));
  }

  @AfterAll
  static void close() {
    if (lens != null) {
      lens.close();
    }
  }

  /** Each real sources.json but prasidan's (pre-v1, no metadata: dbtlens rejects it, as dbt 0.18 wrote it). */
  private static List<Path> realSourcesFiles() throws IOException {
    try (Stream<Path> s = Files.list(SharedArtifacts.file("sources-freshness"))) {
      return s.map(d -> d.resolve("target/sources.json"))
          .filter(f -> !f.toString().contains("prasidan"))
          .sorted().toList();
    }
  }

  private static String realEnvironment(Path file) {
    return file.getParent().getParent().getFileName().toString();
  }

  private static Instant t(String iso) {
    return OffsetDateTime.parse(iso).toInstant();
  }

  private static IngestOptions env(String name) {
    return IngestOptions.defaults().withEnvironment(name);
  }

  // ---------------------------------------------------------------- real sources.json files

  /**
   * Every result of every real sources.json, re-evaluated at its own {@code snapshotted_at}, gives
   * back the status dbt stored (dbt computed it at that moment from the same criteria).
   */
  @Test
  void reEvaluatedAtTheCheckTimeEveryRealResultKeepsItsStoredStatus() throws IOException {
    List<Path> files = realSourcesFiles();
    assertThat(files).hasSize(5);
    int checked = 0;
    for (Path file : files) {
      String environment = realEnvironment(file);
      JsonNode results = MAPPER.readTree(file.toFile()).get("results");
      assertThat(lens.freshness(environment, Instant.EPOCH).sources())
          .as("no manifest: the sources with a check, %s", environment).hasSize(results.size());
      for (JsonNode r : results) {
        String id = r.get("unique_id").asText();
        String status = r.get("status").asText();
        Instant snapshotted = r.path("snapshotted_at").isTextual() ? t(r.get("snapshotted_at").asText()) : Instant.EPOCH;
        SourceFreshness f = lens.freshness(environment, snapshotted).source(id).orElseThrow();
        assertThat(f.lastStatus()).isEqualTo(status);
        assertThat(f.checked()).isTrue();
        if (status.equals("runtime error")) {
          assertThat(f.maxLoadedAt()).isNull();
          assertThat(f.status()).isEqualTo("unknown");
        } else {
          assertThat(f.maxLoadedAt()).isEqualTo(t(r.get("max_loaded_at").asText()));
          assertThat(f.status()).as(id).isEqualTo(status);
          assertThat(f.ageSeconds()).isCloseTo(r.get("max_loaded_at_time_ago_in_s").asDouble(), within(1e-3));
        }
        checked++;
      }
    }
    // jq -s '[.[].results | length] | add' sources-freshness/*/target/sources.json (without prasidan)
    assertThat(checked).isEqualTo(5);
  }

  /** One day after each check, by hand from the file values (jq '.results[] | {max_loaded_at, snapshotted_at, criteria}'). */
  @Test
  void aDayAfterTheCheckSourcesHaveGoneStale() {
    // Magnus-PS: max_loaded_at 2021-06-27T21:21:50.684767Z, snapshotted 2021-06-28T13:21:50.684767Z,
    // warn 12 hour, error 24 hour; stored warn (16 h). A day later: 40 h = 144000 s > 24 h: error.
    SourceFreshness magnus = lens.freshness("Magnus-PS+dbt-learn", t("2021-06-29T13:21:50.684767Z"))
        .source("source.jaffle_shop.jaffle_shop.orders").orElseThrow();
    assertThat(magnus.lastStatus()).isEqualTo("warn");
    assertThat(magnus.status()).isEqualTo("error");
    assertThat(magnus.ageSeconds()).isCloseTo(144000.0, within(1e-6));
    assertThat(magnus.criteria()).isEqualTo(new FreshnessCriteria(
        new FreshnessCriteria.After(12, "hour"), new FreshnessCriteria.After(24, "hour")));
    assertThat(magnus.invocationId()).isEqualTo("f4db8600-a73f-4085-81be-e0cc5ce8b673");
    assertThat(magnus.checkedAt()).isEqualTo(t("2021-06-28T13:21:51.437946Z"));
    assertThat(magnus.snapshottedAt()).isEqualTo(t("2021-06-28T13:21:50.684767Z"));

    // matthewshaver: max 2023-03-28T07:56:16.793Z, snapshotted 2023-03-28T18:08:48.017Z, warn 1 hour,
    // error 24 hour; a day later the age is 36751.224 + 86400 = 123151.224 s > 24 h: error.
    SourceFreshness shaver = lens.freshness("matthewshaver+dbt-learn", t("2023-03-29T18:08:48.017Z"))
        .source("source.dbtlearn.airbnb.reviews").orElseThrow();
    assertThat(shaver.status()).isEqualTo("error");
    assertThat(shaver.ageSeconds()).isCloseTo(123151.224, within(1e-6));

    // TanookiVerde: warn 24 hour and error_after {count: null}: no error threshold, so warn stays warn
    // at 34093262.777506 + 86400 = 34179662.777506 s.
    SourceFreshness tanooki = lens.freshness("TanookiVerde+estudos-dbt", t("2023-12-31T14:21:02.777506Z"))
        .source("source.estudos_dbt.spi.spi_matches_latest").orElseThrow();
    assertThat(tanooki.status()).isEqualTo("warn");
    assertThat(tanooki.criteria().errorAfter()).isNull();
    assertThat(tanooki.ageSeconds()).isCloseTo(34179662.777506, within(1e-6));

    // aec-hannah: customers is a runtime error without max_loaded_at or criteria
    FreshnessReport hannah = lens.freshness("analyticsengineersclub+aec-hannah-dbt", t("2022-03-02T02:39:40.650086Z"));
    assertThat(hannah.sources()).extracting(s -> s.uniqueId().value())
        .containsExactly("source.coffee_shop.coffee_shop.customers", "source.coffee_shop.coffee_shop.orders");
    SourceFreshness customers = hannah.sources().get(0);
    assertThat(customers.lastStatus()).isEqualTo("runtime error");
    assertThat(customers.status()).isEqualTo("unknown");
    assertThat(customers.criteria()).isNull();
    assertThat(customers.error()).startsWith("Database Error in source customers");
    // orders: max 2021-05-31T00:00:28Z, error_after 1 hour only: error
    assertThat(hannah.sources().get(1).status()).isEqualTo("error");
    assertThat(hannah.sources().get(1).ageSeconds()).isCloseTo(23769552.650086, within(1e-6));
    assertThat(hannah.upstream()).as("no manifest, no lineage").isEmpty();

    // elizabethyau: "results": [] — the environment exists, with nothing to report
    FreshnessReport empty = lens.freshness("elizabethyau+dbt-fundamentals", Instant.EPOCH);
    assertThat(empty.sources()).isEmpty();
    assertThat(empty.models()).isEmpty();
  }

  // ---------------------------------------------------------------- dbt Fusion artifacts

  @Test
  void fusionSourcesComeFromTheManifestWithTheirLatestCheck() {
    FreshnessReport report = lens.freshness("fusion", t("2026-07-12T00:00:00Z"));
    // jq '.sources | keys' of the latest manifest (12af8ece, generated 2026-07-17T00:16:11Z)
    assertThat(report.sources()).extracting(s -> s.uniqueId().value()).containsExactly(
        "source.jaffle_shop.jaffle_shop.customers", "source.jaffle_shop.jaffle_shop.orders",
        "source.jaffle_shop.stripe.payment");

    // customers: freshness counts are null in the manifest and no sources.json checks it
    SourceFreshness customers = report.sources().get(0);
    assertThat(customers.checked()).isFalse();
    assertThat(customers.criteria()).isNull();
    assertThat(customers.status()).isEqualTo("unknown");

    // orders: the later sources.json (12af8ece, generated 2026-07-16T20:50:53.101848Z) says "Error";
    // max_loaded_at 2026-07-10T23:59:30.490Z, warn 24 hour, error 48 hour. At 2026-07-12T00:00Z the
    // age is 24 h 29.51 s = 86429.51 s: warn.
    SourceFreshness orders = report.sources().get(1);
    assertThat(orders.lastStatus()).isEqualTo("error");
    assertThat(orders.invocationId()).isEqualTo("019f6cb2-42e8-7262-bd65-727ae9699c9f");
    assertThat(orders.checkedAt()).isEqualTo(t("2026-07-16T20:50:53.101848Z"));
    assertThat(orders.maxLoadedAt()).isEqualTo(t("2026-07-10T23:59:30.490Z"));
    assertThat(orders.criteria()).isEqualTo(new FreshnessCriteria(
        new FreshnessCriteria.After(24, "hour"), new FreshnessCriteria.After(48, "hour")));
    assertThat(orders.ageSeconds()).isCloseTo(86429.51, within(1e-6));
    assertThat(orders.status()).isEqualTo("warn");

    // payment: "Error", max 2026-07-11T07:00:54.552Z, warn 12 hour, error 24 hour: 61145.448 s, warn
    SourceFreshness payment = report.sources().get(2);
    assertThat(payment.lastStatus()).isEqualTo("error");
    assertThat(payment.ageSeconds()).isCloseTo(61145.448, within(1e-6));
    assertThat(payment.status()).isEqualTo("warn");
  }

  @Test
  void fusionFirstCheckPassedWithDayCriteria() {
    // the 01adb77f sources.json alone (no manifest) says "Pass" with warn 24 day, error 48 day; at
    // 2026-08-05T00:00Z the age is 25 days 29.51 s = 2160029.51 s: warn
    FreshnessReport report = lens.freshness("first", t("2026-08-05T00:00:00Z"));
    assertThat(report.sources()).hasSize(1);
    SourceFreshness orders = report.sources().get(0);
    assertThat(orders.uniqueId()).isEqualTo(NodeId.of("source.jaffle_shop.jaffle_shop.orders"));
    assertThat(orders.lastStatus()).isEqualTo("pass");
    assertThat(orders.criteria()).isEqualTo(new FreshnessCriteria(
        new FreshnessCriteria.After(24, "day"), new FreshnessCriteria.After(48, "day")));
    assertThat(orders.ageSeconds()).isCloseTo(2160029.51, within(1e-6));
    assertThat(orders.status()).isEqualTo("warn");
  }

  @Test
  void fusionModelsAndTheirUpstreamData() {
    FreshnessReport report = lens.freshness("fusion", t("2026-07-18T00:00:00Z"));
    // jq '[.nodes[] | select(.resource_type == "model") | .unique_id] | sort' manifest.json (12af8ece)
    assertThat(report.models()).extracting(m -> m.uniqueId().value()).containsExactly(
        "model.jaffle_shop.dim_customers", "model.jaffle_shop.fct_orders",
        "model.jaffle_shop.stg_jaffle_shop_customers", "model.jaffle_shop.stg_jaffle_shop_orders",
        "model.jaffle_shop.stg_stripe_payment", "model.jaffle_shop.test");
    // jq '.results[] | select(.unique_id == "model.jaffle_shop.dim_customers")
    //     | .timing[] | select(.name == "execute") | .completed_at' run_results.json (12af8ece)
    ModelFreshness dim = report.model("model.jaffle_shop.dim_customers").orElseThrow();
    assertThat(dim.lastSuccess()).isEqualTo(dim.lastAttempt());
    assertThat(dim.lastSuccess().invocationId()).isEqualTo("019f6d6e-265c-7451-8b65-33783838e2e7");
    assertThat(dim.lastSuccess().completedAt()).isEqualTo(t("2026-07-17T00:16:11.140762Z"));
    assertThat(dim.lastSuccess().generatedAt()).isEqualTo(t("2026-07-17T00:16:11.145875Z"));
    assertThat(dim.ageSeconds()).isCloseTo(85428.859238, within(1e-6));
    assertThat(dim.sla()).isNull();
    assertThat(dim.slaStatus()).isNull();

    assertThat(report.upstream()).hasSize(6);
    // ancestors of dim_customers (jq '.parent_map'): fct_orders, stg_* models, and the three sources;
    // oldest load: orders (2026-07-10T23:59:30.490Z; payment 2026-07-11T07:00:54.552Z, customers
    // never checked); oldest build: stg_jaffle_shop_customers (00:16:07.986034Z)
    UpstreamFreshness up = report.upstream("model.jaffle_shop.dim_customers").orElseThrow();
    assertThat(up.oldestSource()).isEqualTo(NodeId.of("source.jaffle_shop.jaffle_shop.orders"));
    assertThat(up.oldestSourceLoad()).isEqualTo(t("2026-07-10T23:59:30.490Z"));
    assertThat(up.oldestModel()).isEqualTo(NodeId.of("model.jaffle_shop.stg_jaffle_shop_customers"));
    assertThat(up.oldestModelBuild()).isEqualTo(t("2026-07-17T00:16:07.986034Z"));
    assertThat(up.blame()).isEqualTo(up.oldestSource());
    assertThat(up.oldest()).isEqualTo(up.oldestSourceLoad());
    assertThat(up.ageSeconds()).isCloseTo(604829.51, within(1e-6));
    // fct_orders: stg_stripe_payment finished at 08.013988, before stg_jaffle_shop_orders at 08.027519
    assertThat(report.upstream("model.jaffle_shop.fct_orders").orElseThrow().oldestModel())
        .isEqualTo(NodeId.of("model.jaffle_shop.stg_stripe_payment"));
    // stg_jaffle_shop_customers reads only the never-checked customers source; test has no parents
    for (String id : List.of("model.jaffle_shop.stg_jaffle_shop_customers", "model.jaffle_shop.test")) {
      UpstreamFreshness none = report.upstream(id).orElseThrow();
      assertThat(none.oldest()).isNull();
      assertThat(none.blame()).isNull();
      assertThat(none.ageSeconds()).isNull();
    }
  }

  /** A real dbt-core build: every model and seed has its last success, upstream builds are found. */
  @Test
  void tuvaBuildGivesEveryModelItsLastSuccess() {
    FreshnessReport report = lens.freshness(TUVA_BUILD, t("2022-01-26T16:23:52.925598Z"));
    // jq '[.nodes[] | select(.resource_type | IN("model", "seed"))] | length' manifest.json = 29, and
    // every one of them is in run_results.json (args.which = "build"), all "success"
    assertThat(report.models()).hasSize(29).allSatisfy(m -> {
      assertThat(m.lastSuccess()).isNotNull();
      assertThat(m.lastAttempt()).isEqualTo(m.lastSuccess());
      assertThat(m.lastSuccess().invocationId()).isEqualTo("678fb9de-84ce-42cb-843f-839b18d1953f");
    });
    // jq '.results[] | select(.unique_id == "model.tuva.diagnoses") | .timing[] | select(.name == "execute")'
    ModelFreshness diagnoses = report.model("model.tuva.diagnoses").orElseThrow();
    assertThat(diagnoses.lastSuccess().completedAt()).isEqualTo(t("2022-01-25T16:23:52.925598Z"));
    assertThat(diagnoses.lastSuccess().generatedAt()).isEqualTo(t("2022-01-25T16:29:15.353364Z"));
    assertThat(diagnoses.ageSeconds()).isEqualTo(86400.0);
    assertThat(report.model("seed.tuva.icd_10_cm").orElseThrow().resourceType()).isEqualTo("seed");
    // the oldest build among all ancestors (jq: recursive walk of parent_map, min execute completed_at):
    // model.tuva.diagnoses at 2022-01-25T16:23:52.925598Z, for chronic_conditions_wide as for condition_logic
    for (String id : List.of("model.tuva.chronic_conditions_wide", "model.tuva.condition_logic")) {
      UpstreamFreshness up = report.upstream(id).orElseThrow();
      assertThat(up.oldestModel()).as(id).isEqualTo(NodeId.of("model.tuva.diagnoses"));
      assertThat(up.oldestModelBuild()).isEqualTo(t("2022-01-25T16:23:52.925598Z"));
      assertThat(up.oldestSource()).as("no sources.json").isNull();
      assertThat(up.blame()).isEqualTo(up.oldestModel());
      assertThat(up.ageSeconds()).isEqualTo(86400.0);
    }
  }

  /** {@code dbt docs generate} reports "success" for every node it compiled: it built nothing. */
  @Test
  void docsGenerateResultsAreNotBuilds() {
    FreshnessReport report = lens.freshness(TUVA_DOCS, t("2021-11-18T00:00:00Z"));
    // jq '[.nodes[] | select(.resource_type | IN("model", "seed"))] | length' manifest.json = 10 + 2;
    // jq '.args.which' run_results.json = "generate", with 25 results, all "success"
    assertThat(report.models()).hasSize(12).allSatisfy(m -> {
      assertThat(m.lastAttempt()).isNull();
      assertThat(m.lastSuccess()).isNull();
    });
    // jq '.sources | length' = 4, never checked
    assertThat(report.sources()).hasSize(4).allSatisfy(s -> assertThat(s.status()).isEqualTo("unknown"));
  }

  @Test
  void unknownEnvironment() {
    assertThatThrownBy(() -> lens.freshness("nope", null)).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nope");
  }

  /** The SQL recipe in docs/freshness.md gives the statuses the Java report gives. */
  @Test
  void theDocsSqlRecipeAgreesWithTheReport() throws IOException, SQLException {
    String doc = Files.readString(Path.of("..", "docs", "freshness.md"));
    Matcher block = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    String recipe = null;
    while (block.find()) {
      if (block.group(1).contains("getvariable('freshness_at')")) {
        recipe = block.group(1);
      }
    }
    assertThat(recipe).as("the recipe in docs/freshness.md").isNotNull();
    String query = recipe.substring(recipe.indexOf("WITH latest")).strip().replaceAll(";$", "");
    Map<String, Instant> cases = new LinkedHashMap<>();
    cases.put("shop", t("2024-05-02T08:00:00Z"));
    cases.put("fusion", t("2026-07-12T00:00:00Z"));
    cases.put("analyticsengineersclub+aec-hannah-dbt", t("2022-03-02T02:39:40.650086Z"));
    cases.put("Magnus-PS+dbt-learn", t("2021-06-29T13:21:50.684767Z"));
    cases.put("dag", t("2024-02-01T00:00:00Z"));
    try (Connection c = lens.connection(); Statement s = c.createStatement()) {
      for (String set : recipe.substring(0, recipe.indexOf("WITH latest")).split(";")) {
        if (!set.isBlank()) {
          s.execute(set); // the doc's own SET VARIABLE lines run as written
        }
      }
      for (Map.Entry<String, Instant> e : cases.entrySet()) {
        s.execute("SET VARIABLE freshness_env = '" + e.getKey() + "'");
        s.execute("SET VARIABLE freshness_at = TIMESTAMP '" + LocalDateTime.ofInstant(e.getValue(), ZoneOffset.UTC) + "'");
        List<String> sql = new ArrayList<>();
        try (ResultSet r = s.executeQuery(query)) {
          while (r.next()) {
            double age = r.getDouble("age_s");
            String shown = r.wasNull() ? "-" : String.format("%.3f", age);
            sql.add(r.getString("unique_id") + " " + r.getString("last_status") + " " + r.getString("status_now")
                + " " + shown);
          }
        }
        List<String> java = lens.freshness(e.getKey(), e.getValue()).sources().stream()
            .map(f -> f.uniqueId() + " " + f.lastStatus() + " " + f.status() + " "
                + (f.ageSeconds() == null ? "-" : String.format("%.3f", f.ageSeconds())))
            .toList();
        assertThat(sql).as(e.getKey()).isNotEmpty().containsExactlyElementsOf(java);
      }
    }
  }

  // ---------------------------------------------------------------- generated artifacts

  private static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> after(Integer count, String period) {
    return obj("count", count, "period", period);
  }

  private static Map<String, Object> metadata(String kind, String version, String invocation, String generatedAt) {
    return obj("dbt_schema_version", "https://schemas.getdbt.com/dbt/" + kind + "/" + version + ".json",
        "dbt_version", "1.9.0", "generated_at", generatedAt, "invocation_id", invocation);
  }

  private static Map<String, Object> node(String id, List<String> parents, Map<String, Object> meta,
      Map<String, Object> configMeta) {
    String type = id.substring(0, id.indexOf('.'));
    String name = id.substring(id.lastIndexOf('.') + 1);
    return obj("unique_id", id, "resource_type", type, "name", name, "package_name", "shop",
        "original_file_path", "models/" + name + ".sql", "path", name + ".sql", "fqn", List.of("shop", name),
        "tags", List.of(), "meta", meta, "raw_code", "select 1",
        "config", obj("materialized", type.equals("seed") ? "seed" : "table", "meta", configMeta),
        "depends_on", obj("nodes", parents, "macros", List.of()));
  }

  private static Map<String, Object> source(String id, Map<String, Object> freshness) {
    String name = id.substring(id.lastIndexOf('.') + 1);
    return obj("unique_id", id, "resource_type", "source", "name", name, "source_name", "raw",
        "package_name", "shop", "fqn", List.of("shop", "raw", name), "loaded_at_field", "_loaded_at",
        "freshness", freshness, "config", obj("enabled", true));
  }

  private static Map<String, Object> result(String id, String status, String completedAt, String message) {
    return obj("unique_id", id, "status", status, "thread_id", "Thread-1", "execution_time", 1.0,
        "timing", List.of(obj("name", "execute", "started_at", completedAt, "completed_at", completedAt)),
        "adapter_response", obj(), "message", message, "failures", null);
  }

  private static Path write(String folder, String file, Object content) throws IOException {
    if (file.equals("manifest.json")) {
      completeManifest(content);
    }
    Path dir = Files.createDirectories(tmp.resolve(folder));
    MAPPER.writeValue(dir.resolve(file).toFile(), content);
    return dir;
  }

  /** Adds the members every manifest/v12 has (ingest refuses a file without them); parent_map from depends_on. */
  @SuppressWarnings("unchecked")
  private static void completeManifest(Object content) {
    Map<String, Object> manifest = (Map<String, Object>) content;
    if (!manifest.containsKey("parent_map")) {
      Map<String, Object> parents = obj();
      for (String group : List.of("nodes", "sources", "exposures")) {
        ((Map<String, Object>) manifest.getOrDefault(group, obj())).forEach((id, node) -> {
          Object dependsOn = ((Map<String, Object>) node).get("depends_on");
          parents.put(id, dependsOn == null ? List.of() : ((Map<String, Object>) dependsOn).get("nodes"));
        });
      }
      manifest.put("parent_map", parents);
    }
    for (String member : List.of("nodes", "sources", "macros", "docs", "exposures", "metrics", "groups",
        "selectors", "disabled", "child_map", "group_map", "saved_queries", "semantic_models", "unit_tests")) {
      manifest.putIfAbsent(member, obj());
    }
  }

  private static void runResults(String invocation, String which, String generatedAt, List<Object> results)
      throws IOException {
    write("shop/" + invocation, "run_results.json", obj("metadata", metadata("run-results", "v6", invocation, generatedAt),
        "results", results, "elapsed_time", 30.0, "args", obj("which", which)));
  }

  private static final String RAW_ORDERS = "source.shop.raw.orders";
  private static final String RAW_CUSTOMERS = "source.shop.raw.customers";
  private static final String STG_ORDERS = "model.shop.stg_orders";
  private static final String STG_CUSTOMERS = "model.shop.stg_customers";
  private static final String ORDERS = "model.shop.orders";
  private static final String UNBUILT = "model.shop.unbuilt";
  private static final String COUNTRIES = "seed.shop.countries";
  private static final String KPIS = "exposure.shop.kpis";

  /**
   * Two sources, four models and a seed, an exposure on {@code orders}. {@code orders} declares its
   * SLA in {@code meta}, {@code stg_customers} in {@code config.meta}, {@code unbuilt} (never run)
   * in {@code meta}.
   */
  private static Path shop() throws IOException {
    Map<String, Object> nodes = new LinkedHashMap<>();
    Map<String, Object> parentMap = new LinkedHashMap<>();
    Map<String, List<String>> deps = new LinkedHashMap<>();
    deps.put(STG_ORDERS, List.of(RAW_ORDERS));
    deps.put(STG_CUSTOMERS, List.of(RAW_CUSTOMERS));
    deps.put(ORDERS, List.of(STG_ORDERS, STG_CUSTOMERS, COUNTRIES));
    deps.put(UNBUILT, List.of(STG_ORDERS));
    deps.put(COUNTRIES, List.of());
    Map<String, Object> ordersSla = obj("freshness", obj("warn_after", after(6, "hour"), "error_after", after(1, "day")));
    Map<String, Object> customersSla = obj("freshness", obj("warn_after", after(12, "hour"), "error_after", after(2, "day")));
    Map<String, Object> unbuiltSla = obj("freshness", obj("warn_after", after(30, "minute")));
    nodes.put(STG_ORDERS, node(STG_ORDERS, deps.get(STG_ORDERS), obj(), obj()));
    nodes.put(STG_CUSTOMERS, node(STG_CUSTOMERS, deps.get(STG_CUSTOMERS), obj(), customersSla));
    nodes.put(ORDERS, node(ORDERS, deps.get(ORDERS), ordersSla, ordersSla));
    nodes.put(UNBUILT, node(UNBUILT, deps.get(UNBUILT), unbuiltSla, unbuiltSla));
    nodes.put(COUNTRIES, node(COUNTRIES, deps.get(COUNTRIES), obj(), obj()));
    deps.forEach(parentMap::put);
    parentMap.put(RAW_ORDERS, List.of());
    parentMap.put(RAW_CUSTOMERS, List.of());
    parentMap.put(KPIS, List.of(ORDERS));
    Map<String, Object> manifest = obj(
        "metadata", metadata("manifest", "v12", "parse-1", "2024-05-01T00:00:00Z"),
        "nodes", nodes,
        "sources", obj(
            RAW_ORDERS, source(RAW_ORDERS, obj("warn_after", after(12, "hour"), "error_after", after(24, "hour"))),
            RAW_CUSTOMERS, source(RAW_CUSTOMERS, obj("warn_after", after(1, "day"), "error_after", after(2, "day")))),
        "exposures", obj(KPIS, obj("unique_id", KPIS, "resource_type", "exposure", "name", "kpis",
            "package_name", "shop", "type", "dashboard", "owner", obj("name", "Ana"),
            "depends_on", obj("nodes", List.of(ORDERS)))),
        "macros", obj(), "metrics", obj(), "parent_map", parentMap, "child_map", obj());
    write("shop/parse-1", "manifest.json", manifest);

    // run-1: everything builds
    runResults("run-1", "build", "2024-05-01T06:01:00Z", List.of(
        result(COUNTRIES, "success", "2024-05-01T06:00:02Z", "INSERT 3"),
        result(STG_ORDERS, "success", "2024-05-01T06:00:05Z", "OK"),
        result(STG_CUSTOMERS, "success", "2024-05-01T06:00:10Z", "OK"),
        result(ORDERS, "success", "2024-05-01T06:00:30Z", "OK")));
    // run-2 (a --select run): stg_orders builds again, orders fails
    runResults("run-2", "run", "2024-05-02T06:01:00Z", List.of(
        result(STG_ORDERS, "success", "2024-05-02T06:00:05Z", "OK"),
        result(ORDERS, "error", "2024-05-02T06:00:15Z", "Database Error: boom")));
    // compile-1: dbt compile reports "success" for what it compiled; it built nothing
    runResults("compile-1", "compile", "2024-05-02T07:00:00Z", List.of(
        result(ORDERS, "success", "2024-05-02T06:59:00Z", "Compiled")));

    // fr-1: both sources checked; customers loaded 27 h before the check: warn
    Map<String, Object> criteriaOrders = obj("warn_after", after(12, "hour"), "error_after", after(24, "hour"), "filter", null);
    Map<String, Object> criteriaCustomers = obj("warn_after", after(1, "day"), "error_after", after(2, "day"), "filter", null);
    write("shop/fr-1", "sources.json", obj("metadata", metadata("sources", "v3", "fr-1", "2024-05-01T05:00:00Z"),
        "elapsed_time", 2.0, "results", List.of(
            obj("unique_id", RAW_ORDERS, "status", "pass", "max_loaded_at", "2024-05-01T04:30:00Z",
                "snapshotted_at", "2024-05-01T05:00:00Z", "max_loaded_at_time_ago_in_s", 1800.0,
                "criteria", criteriaOrders, "adapter_response", obj(), "timing", List.of(),
                "thread_id", "Thread-1", "execution_time", 0.5),
            obj("unique_id", RAW_CUSTOMERS, "status", "warn", "max_loaded_at", "2024-04-30T02:00:00Z",
                "snapshotted_at", "2024-05-01T05:00:00Z", "max_loaded_at_time_ago_in_s", 97200.0,
                "criteria", criteriaCustomers, "adapter_response", obj(), "timing", List.of(),
                "thread_id", "Thread-2", "execution_time", 0.5))));
    // fr-2: checking orders fails at runtime (no max_loaded_at, no criteria)
    write("shop/fr-2", "sources.json", obj("metadata", metadata("sources", "v3", "fr-2", "2024-05-02T05:00:00Z"),
        "elapsed_time", 2.0, "results", List.of(
            obj("unique_id", RAW_ORDERS, "status", "runtime error", "error", "relation raw.orders does not exist",
                "max_loaded_at", null, "snapshotted_at", null, "max_loaded_at_time_ago_in_s", null))));
    return tmp.resolve("shop");
  }

  @Test
  void lastAttemptAndLastSuccessAreKeptApart() {
    FreshnessReport report = lens.freshness("shop", t("2024-05-02T08:00:00Z"));
    assertThat(report.environment()).isEqualTo("shop");
    assertThat(report.at()).isEqualTo(t("2024-05-02T08:00:00Z"));
    assertThat(report.models()).extracting(m -> m.uniqueId().value())
        .containsExactly(ORDERS, STG_CUSTOMERS, STG_ORDERS, UNBUILT, COUNTRIES);

    ModelFreshness orders = report.model(ORDERS).orElseThrow();
    assertThat(orders.resourceType()).isEqualTo("model");
    assertThat(orders.lastAttempt()).isEqualTo(new ModelFreshness.Run("run-2", "error",
        t("2024-05-02T06:00:15Z"), t("2024-05-02T06:01:00Z"), "Database Error: boom"));
    assertThat(orders.lastSuccess()).isEqualTo(new ModelFreshness.Run("run-1", "success",
        t("2024-05-01T06:00:30Z"), t("2024-05-01T06:01:00Z"), "OK"));
    // 2024-05-01T06:00:30Z to 2024-05-02T08:00:00Z = 25 h 59 min 30 s = 93570 s > 1 day: error
    assertThat(orders.ageSeconds()).isEqualTo(93570.0);
    assertThat(orders.sla()).isEqualTo(new FreshnessCriteria(
        new FreshnessCriteria.After(6, "hour"), new FreshnessCriteria.After(1, "day")));
    assertThat(orders.slaStatus()).isEqualTo("error");

    // SLA in config.meta only; built at 2024-05-01T06:00:10Z: 93590 s, past 12 h, within 2 days: warn
    ModelFreshness customers = report.model(STG_CUSTOMERS).orElseThrow();
    assertThat(customers.sla().errorAfter()).isEqualTo(new FreshnessCriteria.After(2, "day"));
    assertThat(customers.ageSeconds()).isEqualTo(93590.0);
    assertThat(customers.slaStatus()).isEqualTo("warn");

    // rebuilt in run-2 at 06:00:05Z: 7195 s old; no SLA
    ModelFreshness stgOrders = report.model(STG_ORDERS).orElseThrow();
    assertThat(stgOrders.lastSuccess().invocationId()).isEqualTo("run-2");
    assertThat(stgOrders.ageSeconds()).isEqualTo(7195.0);
    assertThat(stgOrders.sla()).isNull();
    assertThat(stgOrders.slaStatus()).isNull();

    ModelFreshness unbuilt = report.model(UNBUILT).orElseThrow();
    assertThat(unbuilt.lastAttempt()).isNull();
    assertThat(unbuilt.lastSuccess()).isNull();
    assertThat(unbuilt.ageSeconds()).isNull();
    assertThat(unbuilt.slaStatus()).isEqualTo("unknown");

    assertThat(report.model(COUNTRIES).orElseThrow().resourceType()).isEqualTo("seed");
  }

  @Test
  void slaStatusFollowsTheEvaluationTime() {
    // orders last succeeded at 2024-05-01T06:00:30Z; warn after 6 hours, error after 1 day
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("2024-05-01T12:00:30Z", "pass"); // exactly 6 h: not past it
    expected.put("2024-05-01T12:00:31Z", "warn");
    expected.put("2024-05-02T06:00:30Z", "warn"); // exactly 1 day
    expected.put("2024-05-02T06:00:31Z", "error");
    expected.forEach((at, status) -> assertThat(lens.freshness("shop", t(at)).model(ORDERS).orElseThrow()
        .slaStatus()).as(at).isEqualTo(status));
  }

  @Test
  void sourcesAreReEvaluatedAtTheGivenTime() {
    FreshnessReport report = lens.freshness("shop", t("2024-05-02T08:00:00Z"));
    assertThat(report.sources()).extracting(s -> s.uniqueId().value()).containsExactly(RAW_CUSTOMERS, RAW_ORDERS);

    // customers: stored warn at the check; loaded 2024-04-30T02:00Z, 54 h = 194400 s before `at`,
    // past error_after 2 days: it went stale since the last check
    SourceFreshness customers = report.source(RAW_CUSTOMERS).orElseThrow();
    assertThat(customers.lastStatus()).isEqualTo("warn");
    assertThat(customers.invocationId()).isEqualTo("fr-1");
    assertThat(customers.ageSeconds()).isEqualTo(194400.0);
    assertThat(customers.status()).isEqualTo("error");

    // orders: the latest check (fr-2) is a runtime error without criteria: the definition's apply,
    // the status at `at` is unknown, the error stays visible
    SourceFreshness orders = report.source(RAW_ORDERS).orElseThrow();
    assertThat(orders.lastStatus()).isEqualTo("runtime error");
    assertThat(orders.invocationId()).isEqualTo("fr-2");
    assertThat(orders.checkedAt()).isEqualTo(t("2024-05-02T05:00:00Z"));
    assertThat(orders.error()).isEqualTo("relation raw.orders does not exist");
    assertThat(orders.maxLoadedAt()).isNull();
    assertThat(orders.criteria()).isEqualTo(new FreshnessCriteria(
        new FreshnessCriteria.After(12, "hour"), new FreshnessCriteria.After(24, "hour")));
    assertThat(orders.status()).isEqualTo("unknown");
  }

  @Test
  void upstreamFreshnessBlamesTheOldestAncestor() {
    FreshnessReport report = lens.freshness("shop", t("2024-05-02T08:00:00Z"));
    assertThat(report.upstream()).extracting(u -> u.uniqueId().value())
        .containsExactly(KPIS, ORDERS, STG_CUSTOMERS, STG_ORDERS, UNBUILT);

    // kpis <- orders <- stg_orders <- raw.orders (no load time: its latest check failed),
    //                   stg_customers <- raw.customers (loaded 2024-04-30T02:00Z), countries (06:00:02Z)
    UpstreamFreshness kpis = report.upstream(KPIS).orElseThrow();
    assertThat(kpis.resourceType()).isEqualTo("exposure");
    assertThat(kpis.oldestSource()).isEqualTo(NodeId.of(RAW_CUSTOMERS));
    assertThat(kpis.oldestSourceLoad()).isEqualTo(t("2024-04-30T02:00:00Z"));
    assertThat(kpis.oldestModel()).isEqualTo(NodeId.of(COUNTRIES));
    assertThat(kpis.oldestModelBuild()).isEqualTo(t("2024-05-01T06:00:02Z"));
    assertThat(kpis.oldest()).isEqualTo(t("2024-04-30T02:00:00Z"));
    assertThat(kpis.blame()).isEqualTo(NodeId.of(RAW_CUSTOMERS));
    assertThat(kpis.ageSeconds()).isEqualTo(194400.0);

    // orders' own failed run does not count for itself; same ancestors as kpis minus orders
    assertThat(report.upstream(ORDERS).orElseThrow().oldestModel()).isEqualTo(NodeId.of(COUNTRIES));

    // unbuilt <- stg_orders (built 2024-05-02T06:00:05Z) <- raw.orders (no load time)
    UpstreamFreshness unbuilt = report.upstream(UNBUILT).orElseThrow();
    assertThat(unbuilt.oldestSource()).isNull();
    assertThat(unbuilt.blame()).isEqualTo(NodeId.of(STG_ORDERS));
    assertThat(unbuilt.oldest()).isEqualTo(t("2024-05-02T06:00:05Z"));
    assertThat(unbuilt.ageSeconds()).isEqualTo(7195.0);

    UpstreamFreshness stgOrders = report.upstream(STG_ORDERS).orElseThrow();
    assertThat(stgOrders.blame()).isNull();
    assertThat(stgOrders.oldest()).isNull();
  }

  /**
   * On a random DAG of 300 nodes, the one-pass result equals the minimum over each node's full
   * ancestor set from {@link Lineage#upstream(NodeId, int)} (a breadth-first walk per node).
   */
  @Test
  void upstreamMatchesAWalkOverEveryNodesAncestors() {
    Instant at = t("2024-02-01T00:00:00Z");
    FreshnessReport report = lens.freshness("dag", at);
    Lineage lineage = lens.lineage("dag");
    List<String> reported = DAG_IDS.stream().filter(id -> id.startsWith("model.") || id.startsWith("exposure."))
        .sorted().toList();
    assertThat(report.upstream()).extracting(u -> u.uniqueId().value()).containsExactlyElementsOf(reported);
    Comparator<NodeId> oldestFirst = Comparator.comparing((NodeId n) -> DAG_TIMES.get(n.value()))
        .thenComparing(NodeId::value);
    int blamed = 0;
    for (UpstreamFreshness u : report.upstream()) {
      List<NodeId> ancestors = lineage.upstream(u.uniqueId(), -1).stream()
          .filter(a -> DAG_TIMES.containsKey(a.value())).toList();
      NodeId source = ancestors.stream().filter(a -> a.resourceType().equals("source"))
          .min(oldestFirst).orElse(null);
      NodeId model = ancestors.stream().filter(a -> !a.resourceType().equals("source"))
          .min(oldestFirst).orElse(null);
      String id = u.uniqueId().value();
      assertThat(u.oldestSource()).as(id).isEqualTo(source);
      assertThat(u.oldestModel()).as(id).isEqualTo(model);
      assertThat(u.oldestSourceLoad()).isEqualTo(source == null ? null : DAG_TIMES.get(source.value()));
      assertThat(u.oldestModelBuild()).isEqualTo(model == null ? null : DAG_TIMES.get(model.value()));
      NodeId blame = source == null ? model : model == null ? source
          : DAG_TIMES.get(model.value()).isBefore(DAG_TIMES.get(source.value())) ? model : source;
      assertThat(u.blame()).as(id).isEqualTo(blame);
      if (blame != null) {
        blamed++;
        assertThat(u.ageSeconds()).isEqualTo((double) Duration.between(DAG_TIMES.get(blame.value()), at).getSeconds());
      }
    }
    assertThat(blamed).as("most nodes have some dated ancestor").isGreaterThan(200);
  }

  /**
   * Writes a random DAG: 30 sources, 10 seeds, 240 models, 20 exposures, each node with one to
   * three parents among earlier nodes; one node in five never checked or built. Fills {@link
   * #DAG_IDS} and {@link #DAG_TIMES}.
   */
  private static Path dag() throws IOException {
    Random random = new Random(7);
    Instant base = t("2024-01-01T00:00:00Z");
    Map<String, Object> nodes = new LinkedHashMap<>();
    Map<String, Object> sources = new LinkedHashMap<>();
    Map<String, Object> exposures = new LinkedHashMap<>();
    Map<String, Object> parentMap = new LinkedHashMap<>();
    List<Object> runs = new ArrayList<>();
    List<Object> checks = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String id = i < 30 ? "source.shop.raw.s" + i : i < 40 ? "seed.shop.seed" + i
          : i < 280 ? "model.shop.m" + i : "exposure.shop.e" + i;
      List<String> parents = new ArrayList<>();
      if (i >= 40) {
        for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
          String p = DAG_IDS.get(random.nextInt(Math.min(DAG_IDS.size(), 280)));
          if (!parents.contains(p)) {
            parents.add(p);
          }
        }
      }
      DAG_IDS.add(id);
      parentMap.put(id, parents);
      // times on whole minutes out of 200, so ties happen
      Instant when = random.nextInt(5) == 0 ? null : base.plusSeconds(random.nextInt(200) * 60L);
      String iso = when == null ? null : when.toString();
      if (when != null && !id.startsWith("exposure.")) {
        DAG_TIMES.put(id, when);
      }
      if (id.startsWith("source.")) {
        sources.put(id, source(id, obj()));
        if (when != null) {
          checks.add(obj("unique_id", id, "status", "pass", "max_loaded_at", iso, "snapshotted_at", iso,
              "max_loaded_at_time_ago_in_s", 0.0, "criteria", obj()));
        }
      } else if (id.startsWith("exposure.")) {
        exposures.put(id, obj("unique_id", id, "resource_type", "exposure", "name", "e" + i,
            "package_name", "shop", "type", "dashboard", "depends_on", obj("nodes", parents)));
      } else {
        nodes.put(id, node(id, parents, obj(), obj()));
        if (when != null) {
          runs.add(result(id, "success", iso, "OK"));
        }
      }
    }
    write("dag", "manifest.json", obj("metadata", metadata("manifest", "v12", "dag", "2024-02-01T00:00:00Z"),
        "nodes", nodes, "sources", sources, "exposures", exposures, "parent_map", parentMap));
    write("dag", "run_results.json", obj("metadata", metadata("run-results", "v6", "dag", "2024-02-01T00:00:00Z"),
        "results", runs, "elapsed_time", 1.0, "args", obj("which", "build")));
    return write("dag", "sources.json", obj("metadata", metadata("sources", "v3", "dag", "2024-02-01T00:00:00Z"),
        "results", checks, "elapsed_time", 1.0));
  }
}
