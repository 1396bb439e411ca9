package dev.dbtlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.DbtLensException;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.NotFoundException;
import dev.dbtlens.Performance;
import dev.dbtlens.testdata.Samples;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report file without a browser: self-contained, and its embedded data holds what the sample holds. */
class HtmlReportTest {
  @TempDir Path tmp;

  @Test
  void oneFileWithItsScriptsInlinedAndTheSamplesDataEmbedded() throws Exception {
    Path shop = Samples.extractShopSample(tmp.resolve("sample"));
    Path html = tmp.resolve("out/report.html");
    ReportSummary s;
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(shop);
      s = HtmlReport.write(lens, null, html);
    }
    // jq over 005-run/manifest.json: 191 nodes without macros (50 models, 111 tests, 2 unit tests, ...)
    assertThat(s.nodes()).isEqualTo(191);
    assertThat(s.lineageNodes()).isEqualTo(75);
    assertThat(s.invocations()).isEqualTo(5);
    String text = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(text).doesNotContainPattern("<script[^>]+src=").doesNotContain("<link ").doesNotContain("@import");
    assertThat(text).contains("echarts", "dagre");

    Matcher m = Pattern.compile("<script id=\"data\" type=\"application/octet-stream\">([^<]+)</script>").matcher(text);
    assertThat(m.find()).isTrue();
    byte[] gz = Base64.getDecoder().decode(m.group(1).trim());
    JsonNode data = decode(html);
    assertThat((long) gz.length).isEqualTo(s.dataBytes());
    assertThat(data.path("n")).hasSize(191);
    assertThat(data.path("inv")).hasSize(5);
    assertThat(data.path("meta").path("project").asText()).isEqualTo("shop");
    // the last run (005-run) has 30 results; the freshness check 12 results (jq)
    int lastRun = data.path("inv").size() - 1;
    assertThat(data.path("runs").path(String.valueOf(lastRun))).hasSize(30);
    int checks = 0;
    for (JsonNode list : data.path("f")) {
      checks += list.size();
    }
    assertThat(checks).isEqualTo(12);
  }

  @Test
  void criticalPathsRecommendationsAndAlertsComeFromTheJavaApi() throws Exception {
    Path shop = Samples.extractShopSample(tmp.resolve("sample"));
    Path html = tmp.resolve("out/report.html");
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(shop);
      HtmlReport.write(lens, null, html);
      JsonNode data = decode(html);
      JsonNode inv = data.path("inv");
      Performance perf = lens.performance("default");
      // every embedded build run has its critical path, node for node as Performance gives it
      int paths = 0;
      for (var it = data.path("runs").fieldNames(); it.hasNext(); ) {
        String v = it.next();
        String invocation = inv.path(Integer.parseInt(v)).path(0).asText();
        Performance.CriticalPath cp = perf.criticalPath(invocation);
        JsonNode embedded = data.path("cp").path(v);
        assertThat(embedded.path("p")).hasSize(cp.path().size());
        for (int k = 0; k < cp.path().size(); k++) {
          assertThat(data.path("n").path(embedded.path("p").path(k).asInt()).path(0).asText()).isEqualTo(cp.path().get(k));
        }
        assertThat(embedded.path("s").asDouble()).isEqualTo(cp.pathSeconds());
        paths++;
      }
      assertThat(paths).isEqualTo(4); // 001-build, 003-build, 004-test, 005-run (002 is freshness only)
      // independently (python over 005-run's manifest and run_results, longest chain by execution_time):
      // six models, 76.016 s of the run's 79.086 s, ending in fct_invoices
      JsonNode last = data.path("cp").path(String.valueOf(inv.size() - 1));
      assertThat(last.path("p")).hasSize(6);
      assertThat(last.path("s").asDouble()).isCloseTo(76.016, within(0.001));
      assertThat(last.path("w").asDouble()).isCloseTo(79.086, within(0.001));
      assertThat(data.path("n").path(last.path("p").path(5).asInt()).path(0).asText()).isEqualTo("model.shop.fct_invoices");

      // recommendations: the counts of the recommendations view, the metrics of recommendation_metrics
      JsonNode recs = data.path("sections").path("recommendations");
      Map<String, Integer> byCategory = new HashMap<>();
      recs.path("categories").forEach(c -> byCategory.put(c.path(0).asText(), c.path(1).asInt()));
      Map<String, Integer> viewByCategory = new HashMap<>();
      Map<String, Integer> viewByRule = new HashMap<>();
      int viewTotal = 0;
      try (Connection c = lens.connection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT category, rule_name, count(*) FROM recommendations"
              + " WHERE environment = 'default' GROUP BY ALL")) {
        while (rs.next()) {
          viewByCategory.merge(rs.getString(1), rs.getInt(3), Integer::sum);
          viewByRule.put(rs.getString(2), rs.getInt(3));
          viewTotal += rs.getInt(3);
        }
      }
      assertThat(byCategory).isEqualTo(viewByCategory);
      assertThat(recs.path("total").asInt()).isEqualTo(viewTotal).isPositive();
      assertThat(recs.path("ruleCount").asInt()).isEqualTo(viewByRule.size());
      assertThat(recs.path("rules")).hasSize(Math.min(HtmlReport.TOP_RULES, viewByRule.size()));
      recs.path("rules").forEach(r -> assertThat(r.path(2).asInt()).isEqualTo(viewByRule.get(r.path(0).asText())));
      try (Connection c = lens.connection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT name, value FROM recommendation_metrics WHERE environment = 'default'")) {
        while (rs.next()) {
          assertThat(recs.path("metrics").path(rs.getString(1)).asDouble()).as(rs.getString(1)).isEqualTo(rs.getDouble(2));
        }
      }

      // alerts: the newest of the alerts view
      long alerts;
      try (Connection c = lens.connection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM alerts WHERE environment = 'default'")) {
        rs.next();
        alerts = rs.getLong(1);
      }
      assertThat(data.path("sections").path("alerts")).hasSize((int) Math.min(HtmlReport.ALERTS, alerts));
    }
  }

  @Test
  void aReadOnlyDatabaseGivesTheSameSections() throws Exception {
    Path shop = Samples.extractShopSample(tmp.resolve("sample"));
    Path db = tmp.resolve("lens.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(shop);
    }
    Path html = tmp.resolve("ro.html");
    try (DbtLens lens = DbtLens.openReadOnly(db)) { // as dbtlens report opens it
      HtmlReport.write(lens, null, html);
    }
    JsonNode data = decode(html);
    assertThat(data.path("cp")).hasSize(4);
    assertThat(data.path("cp").path("4").path("p")).hasSize(6);
    assertThat(data.path("sections").path("recommendations").path("total").asInt()).isEqualTo(46);
    assertThat(data.path("sections").path("alerts")).hasSize(5);
  }

  @Test
  void anEnvironmentMustExistAndBeChosenWhenThereAreSeveral() {
    Path shop = Samples.extractShopSample(tmp.resolve("sample"));
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(IngestOptions.defaults().withEnvironment("prod"), List.of(shop.resolve("001-build")));
      lens.ingest(IngestOptions.defaults().withEnvironment("dev"), List.of(shop.resolve("003-build")));
      assertThatThrownBy(() -> HtmlReport.write(lens, null, tmp.resolve("r.html")))
          .isInstanceOf(DbtLensException.class).hasMessageContaining("2 environments").hasMessageContaining("prod");
      assertThatThrownBy(() -> HtmlReport.write(lens, "qa", tmp.resolve("r.html")))
          .isInstanceOf(NotFoundException.class);
      assertThat(HtmlReport.write(lens, "dev", tmp.resolve("r.html")).invocations()).isEqualTo(1);
    }
  }

  static JsonNode decode(Path html) throws Exception {
    String text = Files.readString(html, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<script id=\"data\" type=\"application/octet-stream\">([^<]+)</script>").matcher(text);
    assertThat(m.find()).isTrue();
    byte[] gz = Base64.getDecoder().decode(m.group(1).trim());
    return new ObjectMapper().readTree(new GZIPInputStream(new ByteArrayInputStream(gz)));
  }
}
