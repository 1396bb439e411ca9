package dev.dbtlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * GraphiQL in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}): it loads
 * from the server alone with no console error, shows the schema, runs a query and shows the result.
 * Skipped when Chromium is missing, except under {@code CI=true}. Saves {@code
 * target/graphiql.png}.
 */
class BrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void graphiqlRendersShowsTheSchemaAndRunsAQuery() throws IOException {
    requireChromium();
    try (Served served = Served.start(dir)) {
      WebDriver driver = chromium();
      try {
        driver.get(served.uri("/").toString());
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(d -> !d.findElements(By.cssSelector(".graphiql-query-editor .CodeMirror")).isEmpty());
        // a control: the console's errors do reach this test
        ((JavascriptExecutor) driver).executeScript("console.error('dbtlens-probe')");
        assertThat(editorText(driver, ".graphiql-query-editor")).contains("environments");

        driver.findElement(By.cssSelector(".graphiql-execute-button")).click();
        wait.until(d -> editorText(d, ".graphiql-response").contains("totalCount"));
        String result = editorText(driver, ".graphiql-response");
        assertThat(result).contains("\"dbtProjectName\": \"shop\"", "\"totalCount\": 50");

        driver.findElement(By.cssSelector("button[aria-label='Show Documentation Explorer']")).click();
        wait.until(d -> d.findElement(By.cssSelector(".graphiql-doc-explorer")).getText().contains("Query"));

        screenshot(driver, Path.of("target", "graphiql.png"));
        List<String> errors = severe(driver);
        assertThat(errors).anyMatch(m -> m.contains("dbtlens-probe"));
        assertThat(errors).as("console errors").allMatch(m -> m.contains("dbtlens-probe"));
        assertThat(served.log).allSatisfy(line -> assertThat(line).doesNotContain(" 404 ", " 500 "));
      } finally {
        driver.quit();
      }
    }
  }

  private static void requireChromium() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing"
          + " (apt-get install chromium chromium-driver; .ci/run does it)");
    }
    Assumptions.assumeTrue(present, "GraphiQL browser test skipped: no " + CHROMIUM + " and "
        + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
  }

  private static WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1400,900", "--no-first-run", "--no-default-browser-check");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }

  /** The text of the CodeMirror editor inside {@code container}, through CodeMirror's own API. */
  private static String editorText(WebDriver driver, String container) {
    Object text = ((JavascriptExecutor) driver).executeScript(
        "var e = document.querySelector(arguments[0] + ' .CodeMirror');"
            + " return e && e.CodeMirror ? e.CodeMirror.getValue() : '';", container);
    return String.valueOf(text);
  }

  private static List<String> severe(WebDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  private static void screenshot(WebDriver driver, Path file) throws IOException {
    Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(file.getParent());
    Files.copy(png, file, StandardCopyOption.REPLACE_EXISTING);
  }
}
