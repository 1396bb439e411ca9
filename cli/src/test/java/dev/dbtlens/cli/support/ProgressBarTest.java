package dev.dbtlens.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long BIG = 100L << 20;
  private final StringWriter written = new StringWriter();
  private final StatusLine terminal = new StatusLine(new PrintWriter(written), true);

  @Test
  void drawsAtOnceForABigFileOnATerminalAndClearsTheLineWhenDone() {
    try (ProgressBar bar = new ProgressBar(terminal)) {
      bar.onProgress(Path.of("target", "manifest.json"), BIG / 2, BIG);
      assertThat(written.toString()).startsWith("\rreading manifest.json").contains(" 50% ");
    }

    assertThat(afterLastBar()).isBlank().endsWith("\r");
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
  void staysQuietForASmallFileOrWithoutATerminal() {
    try (ProgressBar small = new ProgressBar(terminal);
        ProgressBar piped = new ProgressBar(new StatusLine(new PrintWriter(written), false))) {
      small.onProgress(Path.of("run_results.json"), 10, 20);
      piped.onProgress(Path.of("manifest.json"), BIG / 2, BIG);
    }

    assertThat(written.toString()).isEmpty();
  }

  @Test
  void theLineShowsTheFileTheBarAndTheSizes() {
    assertThat(ProgressBar.line(Path.of("manifest.json"), 25_000_000, 100_000_000))
        .isEqualTo("reading manifest.json        [####............]  25% 25.0 MB of 100.0 MB");
  }

  @Test
  void evenALongNameAndAGigabyteFitAnEightyColumnTerminal() {
    assertThat(ProgressBar.line(Path.of("semantic_manifest_of_a_very_large_project.json"), 999_999_999L, 9_999_999_999L))
        .hasSizeLessThan(80);
  }

  private String afterLastBar() {
    String all = written.toString();
    return all.substring(all.lastIndexOf("MB") + 2);
  }
}
