package dev.dbtlens.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs the command line in-process and captures what it printed. */
final class Cli {
  private Cli() {}

  /**
   * @param exit the exit code
   * @param out what went to stdout
   * @param err what went to stderr
   */
  record Result(int exit, String out, String err) {
    /** @return stderr's non-empty lines */
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Main.run(o, e, args);
    }
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code sql --format csv} and returns the single value of a one-row, one-column query. */
  static String value(Path db, String sql) {
    Result r = run("sql", "--db", db.toString(), "--format", "csv", sql);
    if (r.exit() != 0) {
      throw new AssertionError("query failed: " + sql + "\n" + r.err());
    }
    List<String> lines = r.out().lines().toList();
    if (lines.size() != 2) {
      throw new AssertionError("expected a header and one row, got:\n" + r.out());
    }
    return lines.get(1);
  }

  /** @return the rows of the first table in the output: the lines after its dashes, up to a blank line */
  static List<String> tableRows(String out) {
    List<String> lines = out.lines().toList();
    int start = 0;
    while (!lines.get(start).startsWith("---")) {
      start++;
    }
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).isEmpty()) {
      end++;
    }
    return lines.subList(start + 1, end);
  }
}
