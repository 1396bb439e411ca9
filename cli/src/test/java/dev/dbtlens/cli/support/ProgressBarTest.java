package dev.dbtlens.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long BIG = 100L << 20;
  private static final long SECOND = 1_000_000_000L;
  private final StringWriter written = new StringWriter();
  private final StatusLine terminal = new StatusLine(new PrintWriter(written), true);
  private final StatusLine ciLog = new StatusLine(new PrintWriter(written), false, true);
  private final AtomicLong now = new AtomicLong();

  @Test
  void drawsAtOnceForABigFileOnATerminalAndClearsTheLineWhenDone() {
    try (ProgressBar bar = new ProgressBar(terminal)) {
      bar.onProgress(Path.of("target", "manifest.json"), BIG / 2, BIG);
      assertThat(written.toString()).startsWith("\rreading manifest.json").contains(" 50% ");
    }

    assertThat(afterLastBar()).isBlank().endsWith("\r");
  }

  @Test
  void onATerminalTheBarShowsTheOverallCount() {
    try (ProgressBar bar = new ProgressBar(terminal)) {
      bar.onFile(Path.of("target", "manifest.json"), 3, 12);
      bar.onProgress(Path.of("target", "manifest.json"), BIG / 4, BIG);
      assertThat(written.toString()).startsWith("\rfile 3 of 12 manifest.json").contains(" 25% ");
    }
  }

  @Test
  void aLinePrintedMeanwhileErasesTheBarFirst() {
    try (ProgressBar bar = new ProgressBar(terminal)) {
      bar.onProgress(Path.of("manifest.json"), BIG / 2, BIG);
      terminal.println("warning: something");
    }

    assertThat(written.toString()).containsPattern("\r +\rwarning: something\\R$");
  }

  @Test
  void staysQuietForASmallFileOrForACallersOwnStream() {
    try (ProgressBar small = new ProgressBar(terminal);
        ProgressBar piped = new ProgressBar(new StatusLine(new PrintWriter(written), false))) {
      small.onProgress(Path.of("run_results.json"), 10, 20);
      piped.onFile(Path.of("manifest.json"), 1, 2);
      piped.onProgress(Path.of("manifest.json"), BIG / 2, BIG);
    }

    assertThat(written.toString()).isEmpty();
  }

  @Test
  void withoutATerminalEachFileGetsALineAtMostOneASecondAndTheFirstAndLastAlways() {
    ProgressBar log = new ProgressBar(ciLog, now::get);
    for (int i = 1; i <= 12; i++) {
      now.addAndGet(i <= 6 ? SECOND / 10 : 2 * SECOND); // six fast files, then six slow ones
      log.onFile(Path.of("/archive", String.format("%03d", i), "run_results.json"), i, 12);
    }

    assertThat(written.toString().lines()).containsExactly(
        "file 1 of 12: /archive/001/run_results.json",
        "file 7 of 12: /archive/007/run_results.json",
        "file 8 of 12: /archive/008/run_results.json",
        "file 9 of 12: /archive/009/run_results.json",
        "file 10 of 12: /archive/010/run_results.json",
        "file 11 of 12: /archive/011/run_results.json",
        "file 12 of 12: /archive/012/run_results.json");
  }

  @Test
  void withoutATerminalAStepAfterTheCommitGetsALineWhenTheLastLineIsASecondOld() {
    ProgressBar log = new ProgressBar(ciLog, now::get);
    log.onFile(Path.of("/big/manifest.json"), 1, 1);
    now.addAndGet(70 * SECOND);
    log.onStep("column lineage");
    now.addAndGet(SECOND / 2);
    log.onStep("recommendations"); // half a second later: left out
    now.addAndGet(40 * SECOND);
    log.onStep("alerts");

    assertThat(written.toString().lines()).containsExactly(
        "file 1 of 1: /big/manifest.json",
        "deriving column lineage at 70.0 s (the artifacts are committed)",
        "deriving alerts at 110.5 s (the artifacts are committed)");
  }

  @Test
  void aSmallIngestDerivesInSilence() {
    try (ProgressBar bar = new ProgressBar(terminal, now::get)) {
      now.addAndGet(SECOND / 10);
      bar.onStep("column lineage");
    }
    ProgressBar log = new ProgressBar(ciLog, now::get);
    log.onFile(Path.of("run_results.json"), 1, 1);
    log.onStep("column lineage");

    assertThat(written.toString().lines()).containsExactly("file 1 of 1: run_results.json");
  }

  @Test
  void withoutATerminalALongFileGetsALineEveryFiveSeconds() {
    ProgressBar log = new ProgressBar(ciLog, now::get);
    Path manifest = Path.of("/target/manifest.json");
    log.onFile(manifest, 1, 1);
    for (int mb = 100; mb < 1000; mb += 100) {
      now.addAndGet(2 * SECOND);
      log.onProgress(manifest, mb * 1_000_000L, 1_000_000_000L);
    }
    log.onProgress(manifest, 1_000_000_000L, 1_000_000_000L);

    assertThat(written.toString().lines()).containsExactly(
        "file 1 of 1: /target/manifest.json",
        "file 1 of 1: /target/manifest.json 30% (300.0 MB of 1000.0 MB)",
        "file 1 of 1: /target/manifest.json 60% (600.0 MB of 1000.0 MB)",
        "file 1 of 1: /target/manifest.json 90% (900.0 MB of 1000.0 MB)");
  }

  @Test
  void theLineShowsTheFileTheBarAndTheSizes() {
    assertThat(ProgressBar.line(0, 0, Path.of("manifest.json"), 25_000_000, 100_000_000))
        .isEqualTo("reading manifest.json        [####............]  25% 25.0 MB of 100.0 MB");
    assertThat(ProgressBar.line(3, 12, Path.of("manifest.json"), 25_000_000, 100_000_000))
        .isEqualTo("file 3 of 12 manifest.json        [####............]  25% 25.0 MB of 100.0 MB");
  }

  @Test
  void evenALongNameAGigabyteAndThousandsOfFilesFitAnEightyColumnTerminal() {
    assertThat(ProgressBar.line(12345, 67890, Path.of("semantic_manifest_of_a_very_large_project.json"),
        999_999_999L, 9_999_999_999L)).hasSizeLessThan(80);
  }

  private String afterLastBar() {
    String all = written.toString();
    return all.substring(all.lastIndexOf("MB") + 2);
  }
}
