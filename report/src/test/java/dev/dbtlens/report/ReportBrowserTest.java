package dev.dbtlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.DbtLens;
import dev.dbtlens.testdata.Samples;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import dev.dbtlens.InvocationNotFoundException;
import dev.dbtlens.Invocation;
import dev.dbtlens.Performance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), opened
 * from disk as a {@code file:} URL: every page renders with no console error, the lineage graph has
 * the nodes the manifest has (counted with jq), a node page is reached through the search box, and
 * the run timeline has a bar per timed result. Skipped when Chromium is missing, except under {@code
 * CI=true}. Saves screenshots under {@code target/} ({@code docs/report.png} is one of them).
 */
class ReportBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path dir;
  static WebDriver driver;

  @BeforeAll
  static void start() {
    requireChromium();
    driver = chromium();
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void theSampleReportRendersEveryPageAndFindsAModelBySearch() throws IOException, java.sql.SQLException {
    Path shop = Samples.extractShopSample(dir.resolve("sample"));
    Path html = dir.resolve("shop.html");
    Map<String, Integer> criticalPaths = new LinkedHashMap<>(); // invocation id -> nodes on its critical path
    Map<String, Integer> recsByCategory = new HashMap<>();
    Map<String, Integer> recsByRule = new HashMap<>();
    int recsTotal = 0;
    long alerts;
    int fctOrdersOnPath = 0;
    int fctOrdersRuns = 0;
    int fctInvoicesOnPath = 0;
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(shop);
      HtmlReport.write(lens, null, html);
      Performance perf = lens.performance("default");
      for (Invocation i : lens.invocations("default")) {
        try {
          Performance.CriticalPath cp = perf.criticalPath(i.invocationId());
          criticalPaths.put(i.invocationId(), cp.path().size());
          fctOrdersOnPath += cp.path().contains("model.shop.fct_orders") ? 1 : 0;
          fctInvoicesOnPath += cp.path().contains("model.shop.fct_invoices") ? 1 : 0;
          fctOrdersRuns += cp.nodes().stream().anyMatch(n -> n.uniqueId().equals("model.shop.fct_orders")) ? 1 : 0;
        } catch (InvocationNotFoundException notABuild) {
          // 002-source-freshness
        }
      }
      try (Connection c = lens.connection(); Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT category, rule_name, count(*) FROM recommendations"
            + " WHERE environment = 'default' GROUP BY ALL")) {
          while (rs.next()) {
            recsByCategory.merge(rs.getString(1), rs.getInt(3), Integer::sum);
            recsByRule.put(rs.getString(2), rs.getInt(3));
            recsTotal += rs.getInt(3);
          }
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM alerts WHERE environment = 'default'")) {
          rs.next();
          alerts = rs.getLong(1);
        }
      }
    }
    open(html);
    // a control: the console's errors do reach this test
    ((JavascriptExecutor) driver).executeScript("console.error('dbtlens-probe')");
    assertThat(text("h1")).contains("shop");
    assertThat(driver.findElements(By.cssSelector("#status-chart canvas"))).isNotEmpty();
    // jq over 005-run/run_results.json and sources.json: the failing tests and stale sources
    assertThat(driver.findElements(By.cssSelector("#stale-sources tbody tr"))).hasSize(4);
    // the recommendations summary shows the recommendations view's counts
    assertThat(recsTotal).isEqualTo(46); // 23 testing, 13 governance, 7 performance, 3 modeling
    assertThat(text("#rec-metrics [data-metric=total_violations] b")).isEqualTo(String.valueOf(recsTotal));
    Map<String, Integer> shown = new HashMap<>();
    for (WebElement tr : driver.findElements(By.cssSelector("#rec-categories tbody tr"))) {
      List<WebElement> td = tr.findElements(By.tagName("td"));
      shown.put(td.get(0).getText(), Integer.parseInt(td.get(1).getText()));
    }
    assertThat(shown).isEqualTo(recsByCategory);
    List<WebElement> rules = driver.findElements(By.cssSelector("#rec-rules tbody tr"));
    assertThat(rules).hasSize(Math.min(HtmlReport.TOP_RULES, recsByRule.size()));
    for (WebElement tr : rules) {
      List<WebElement> td = tr.findElements(By.tagName("td"));
      assertThat(Integer.parseInt(td.get(2).getText())).as(td.get(0).getText()).isEqualTo(recsByRule.get(td.get(0).getText()));
    }
    // 42 of 47 models tested (89.36%), all documented: recommendation_metrics
    assertThat(text("#rec-metrics [data-metric=test_coverage_pct] b")).isEqualTo("89.4%");
    assertThat(text("#rec-metrics [data-metric=documentation_coverage_pct] b")).isEqualTo("100%");
    assertThat(driver.findElements(By.cssSelector("#alerts-table tbody tr"))).hasSize((int) alerts).isNotEmpty();
    ((JavascriptExecutor) driver).executeScript("document.getElementById('section-recommendations').scrollIntoView()");
    screenshot("report-overview-sections.png");
    screenshot("report-overview.png");

    // lineage: jq over 005-run/manifest.json: 50 models, 4 seeds, 2 snapshots, 16 sources, 3 exposures
    go("#/lineage");
    assertThat(lineageNodes()).isEqualTo(75);
    assertThat(driver.findElements(By.cssSelector("#lineage-chart canvas"))).isNotEmpty();
    screenshot("report-lineage.png");
    WebElement selector = driver.findElement(By.id("selector"));
    selector.clear();
    selector.sendKeys("+fct_orders", Keys.ENTER);
    new WebDriverWait(driver, WAIT).until(d -> !"75".equals(attr("#lineage-chart", "data-nodes")));
    // SELECT count(*) FROM upstream('model.shop.fct_orders') gives 42 ancestors; with fct_orders, 43
    assertThat(lineageNodes()).isEqualTo(43);

    // search: a model page
    search("fct_orders");
    new WebDriverWait(driver, WAIT).until(d -> "node".equals(attr("body", "data-page")));
    assertThat(text("h1")).startsWith("fct_orders");
    assertThat(driver.findElements(By.cssSelector("#trend-chart canvas"))).isNotEmpty();
    assertThat(attr("#hood-chart", "data-nodes")).isNotEqualTo("0");
    assertThat(driver.findElement(By.tagName("pre")).getText()).isNotBlank();
    // the build runs with fct_orders on their critical path, and those that executed it, per the Java API
    assertThat(attr("#node-cp", "data-on")).isEqualTo(String.valueOf(fctOrdersOnPath));
    assertThat(attr("#node-cp", "data-runs")).isEqualTo(String.valueOf(fctOrdersRuns));
    screenshot("report-model.png");
    go("#/node/model.shop.fct_invoices"); // on the path of 001-build, 003-build and 005-run (python for 005-run)
    assertThat(attr("#node-cp", "data-on")).isEqualTo(String.valueOf(fctInvoicesOnPath)).isEqualTo("3");
    assertThat(attr("#node-cp", "data-runs")).isEqualTo("3");

    go("#/runs");
    assertThat(attr("#gantt", "data-bars")).isEqualTo("30"); // 005-run: 30 results, all timed
    // its critical path: python over 005-run's manifest and run_results (longest chain by execution_time)
    // gives six models, 76.016 s of the run's 79.086 s wall time
    assertThat(attr("#gantt", "data-critical")).isEqualTo("6");
    assertThat(text("#cp-total")).contains("6 nodes, 76.0 s of the run's 79.1 s wall time (96%)");
    assertThat(driver.findElements(By.cssSelector("#critical-path tbody tr"))).hasSize(6);
    screenshot("report-runs.png");
    List<String> ids = new ArrayList<>(criticalPaths.keySet());
    assertThat(ids).hasSize(4);
    for (String id : ids) { // every build run: as many highlighted bars as Performance.criticalPath has nodes
      String v = (String) ((JavascriptExecutor) driver).executeScript(
          "var id = arguments[0]; return String(window.dbtlensReport.data.inv.findIndex(function (r) { return r[0] === id; }))", id);
      assertThat(v).isNotEqualTo("-1");
      go("#/runs/" + v);
      new WebDriverWait(driver, WAIT).until(d -> v.equals(((JavascriptExecutor) d).executeScript(
          "var s = document.getElementById('inv-select'); return s && s.value")));
      assertThat(attr("#gantt", "data-critical")).as(id).isEqualTo(String.valueOf(criticalPaths.get(id)));
    }
    go("#/tests");
    assertThat(driver.findElements(By.cssSelector("#tests-table tbody tr"))).hasSize(113); // 111 tests + 2 unit tests
    go("#/freshness");
    assertThat(driver.findElements(By.cssSelector("#freshness-chart canvas"))).isNotEmpty();
    go("#/");
    new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#status-chart canvas")).isEmpty());
    screenshot("report.png");

    List<String> errors = severe();
    assertThat(errors).anyMatch(m -> m.contains("dbtlens-probe"));
    assertThat(errors).as("console errors").allMatch(m -> m.contains("dbtlens-probe"));
  }

  @Test
  void aRealProjectsReportDrawsItsWholeLineage() throws IOException {
    Path run = artifacts().resolve("fivetran-dbt_ad_reporting/manifest-v7_dbt-1.3.0_316dd1fc");
    Path html = dir.resolve("ad_reporting.html");
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(run);
      ReportSummary s = HtmlReport.write(lens, null, html);
      assertThat(s.lineageNodes()).isEqualTo(390);
    }
    open(html);
    go("#/lineage");
    // jq over its manifest.json: 223 models + 80 seeds + 78 sources + 9 metrics (370 tests not drawn)
    assertThat(lineageNodes()).isEqualTo(390);
    screenshot("report-ad-reporting-lineage.png");
    search("ad_reporting__ad_report");
    new WebDriverWait(driver, WAIT).until(d -> "node".equals(attr("body", "data-page")));
    assertThat(text("h1")).startsWith("ad_reporting__ad_report");
    go("#/runs");
    assertThat(attr("#gantt", "data-bars")).isEqualTo("215"); // jq: 215 results, all with timing
    go("#/tests");
    go("#/freshness");
    assertThat(severe()).as("console errors").isEmpty();
  }

  private static long lineageNodes() {
    new WebDriverWait(driver, WAIT).until(d -> attr("#lineage-chart", "data-nodes") != null);
    return Long.parseLong(attr("#lineage-chart", "data-nodes"));
  }

  private static void open(Path html) {
    driver.get(html.toUri().toString());
    new WebDriverWait(driver, WAIT).until(d -> "1".equals(attr("body", "data-ready")));
  }

  private static void go(String hash) {
    ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", hash);
    String page = hash.replaceAll("^#/?", "").split("/")[0];
    new WebDriverWait(driver, WAIT).until(d -> (page.isEmpty() ? "overview" : page).equals(attr("body", "data-page")));
  }

  private static void search(String q) {
    WebElement box = driver.findElement(By.id("search"));
    box.clear();
    box.sendKeys(q);
    new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#search-results li[data-i]")).isEmpty());
    driver.findElement(By.cssSelector("#search-results li[data-i]")).click();
  }

  private static String attr(String css, String name) {
    List<WebElement> e = driver.findElements(By.cssSelector(css));
    return e.isEmpty() ? null : e.get(0).getAttribute(name);
  }

  private static String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  static Path artifacts() {
    String prop = System.getProperty("dbtlens.artifacts");
    Path p = (prop != null ? Path.of(prop) : Path.of("..", "shared", "dbt-artifacts")).toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      String msg = "the shared dbt artifacts are expected at " + p + " (beside the repository)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(msg);
      }
      Assumptions.assumeTrue(false, msg + "; skipping");
    }
    return p;
  }

  private static void requireChromium() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing"
          + " (apt-get install chromium chromium-driver; .ci/run does it)");
    }
    Assumptions.assumeTrue(present, "report browser test skipped: no " + CHROMIUM + " and " + CHROMEDRIVER);
  }

  private static WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1400,900", "--no-first-run", "--no-default-browser-check", "--allow-file-access-from-files");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }

  private static final List<String> ALL_SEVERE = new ArrayList<>();

  /** Severe console entries since the last call. */
  private static List<String> severe() {
    List<String> now = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
    ALL_SEVERE.addAll(now);
    return now;
  }

  private static void screenshot(String name) throws IOException {
    Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Path file = Path.of("target", name);
    Files.createDirectories(file.getParent());
    Files.copy(png, file, StandardCopyOption.REPLACE_EXISTING);
  }
}
