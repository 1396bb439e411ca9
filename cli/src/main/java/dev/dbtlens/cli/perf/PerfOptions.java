package dev.dbtlens.cli.perf;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The window and output options every {@code perf} mode shares. */
final class PerfOptions {
  /** Output formats. */
  enum Format { TABLE, JSON }

  static final LocalDate EARLIEST = LocalDate.parse("1970-01-01");
  static final LocalDate LATEST = LocalDate.parse("9999-12-31");

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--from", paramLabel = "DATE",
      description = "First UTC day (YYYY-MM-DD) of the runs to consider. Default: the first run.")
  String from;

  @Option(names = "--to", paramLabel = "DATE",
      description = "Last UTC day (YYYY-MM-DD), included. Default: the last run.")
  String to;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
      description = "At most this many rows. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (one JSON document; times in seconds). Default: ${DEFAULT-VALUE}.")
  Format format;

  LocalDate start() {
    return from == null ? EARLIEST : date("--from", from);
  }

  LocalDate end() {
    return to == null ? LATEST : date("--to", to);
  }

  int limit() {
    if (limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
    }
    return limit;
  }

  LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), option + ": not a date: '" + text + "' (use YYYY-MM-DD)");
    }
  }
}
