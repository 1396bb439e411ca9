package dev.dbtlens.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {
  @Test
  void cutKeepsShortTextAndEndsLongTextWithDots() {
    assertThat(ResultPrinter.cut("short", 60)).isEqualTo("short");
    assertThat(ResultPrinter.cut("x".repeat(61), 60)).isEqualTo("x".repeat(57) + "...");
    assertThat(ResultPrinter.cut("\uD83D\uDE00".repeat(5), 4)).isEqualTo("\uD83D\uDE00...");
  }

  @Test
  void csvQuotesOnlyWhatRfc4180Requires() {
    assertThat(ResultPrinter.csvField("plain text")).isEqualTo("plain text");
    assertThat(ResultPrinter.csvField("a,b")).isEqualTo("\"a,b\"");
    assertThat(ResultPrinter.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(ResultPrinter.csvField("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
  }

  @Test
  void tablesRightAlignNumbersAndLeaveNullColumnsLeft() {
    StringWriter out = new StringWriter();
    new ResultPrinter(new PrintWriter(out, true), ResultPrinter.Format.TABLE).print(
        List.of("name", "count", "note"),
        List.of(Arrays.asList("a", 5L, null), Arrays.asList("bb", 120L, null)), true);

    assertThat(out.toString().lines()).containsExactly(
        "name  count  note",
        "----  -----  ----",
        "a         5  NULL",
        "bb      120  NULL",
        "(2 rows)");
  }
}
