package dev.dbtlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.DbtLensException;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.NotFoundException;
import dev.dbtlens.testdata.Samples;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
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
    assertThat((long) gz.length).isEqualTo(s.dataBytes());
    JsonNode data = new ObjectMapper().readTree(new GZIPInputStream(new ByteArrayInputStream(gz)));
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
}
