package dev.dbtlens.cli.output;

import dev.dbtlens.ArtifactOutcome;
import dev.dbtlens.IngestReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints an {@link IngestReport}: one line per artifact file, then the totals: what the environment
 * gained, files already ingested and conflicts. Warnings are not printed here: they reach stderr
 * once, through {@code support.LibraryLog}.
 */
public final class IngestPrinter {
  private static final List<String> COLUMNS =
      List.of("status", "kind", "schema_version", "invocation_id", "rows", "file");

  private final PrintWriter out;
  private final Path base;

  /**
   * @param out where to print
   * @param base file paths are shown relative to this folder when they lie beneath it
   */
  public IngestPrinter(PrintWriter out, Path base) {
    this.out = out;
    this.base = base.toAbsolutePath().normalize();
  }

  public void print(IngestReport report, Duration took) {
    List<List<Object>> rows = new ArrayList<>();
    for (ArtifactOutcome a : report.artifacts()) {
      rows.add(List.of(status(a), a.kind().sqlName(), String.valueOf(a.schemaVersion()),
          String.valueOf(a.invocationId()), a.rows(), display(a.file())));
    }
    new ResultPrinter(out, ResultPrinter.Format.TABLE).print(COLUMNS, rows, false);
    out.println();
    out.println(totals(report, took));
  }

  static String status(ArtifactOutcome a) {
    return switch (a.status()) {
      case ADDED -> a.warning() == null ? "added" : "added (warning)";
      case ALREADY_INGESTED -> "already ingested";
      case CONFLICT -> "conflict";
    };
  }

  static String totals(IngestReport r, Duration took) {
    String where = "environment '" + r.environment() + "'";
    if (r.nothingAdded()) {
      return "Nothing new for " + where + ": " + skipped(r) + ".";
    }
    return String.format(Locale.ROOT, "Added to %s in %.1f s: %s, %s, %s, %s, %s; %s.",
        where, took.toMillis() / 1000.0, Plural.of(r.invocationsAdded(), "invocation"),
        Plural.of(r.definitionsAdded(), "definition"), Plural.of(r.runResultsAdded(), "run result"),
        Plural.of(r.freshnessResultsAdded(), "freshness result"),
        Plural.of(r.catalogEntriesAdded(), "catalog entry", "catalog entries"), skipped(r));
  }

  /** {@code 3 files skipped (already ingested)}, and conflicts apart: they are not the same thing. */
  private static String skipped(IngestReport r) {
    String already = Plural.of(r.skipped(), "file") + " skipped (already ingested)";
    if (r.conflicts() == 0) {
      return already;
    }
    return already + ", " + Plural.of(r.conflicts(), "conflict") + " skipped (--allow-conflicts)";
  }

  /** The path relative to the base when beneath it; long paths keep their end, the file's name. */
  private String display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    String shown = abs.startsWith(base) && !abs.equals(base)
        ? base.relativize(abs).toString() : abs.toString();
    int max = ResultPrinter.MAX_CELL;
    return shown.length() <= max ? shown : "..." + shown.substring(shown.length() - (max - 3));
  }
}
