package dev.dbtlens.cli.prune;

import dev.dbtlens.DbtLens;
import dev.dbtlens.PruneOptions;
import dev.dbtlens.PruneReport;
import dev.dbtlens.cli.output.Plural;
import dev.dbtlens.cli.output.ResultPrinter;
import dev.dbtlens.cli.support.DuckDbOptions;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.VerboseOption;
import dev.dbtlens.cli.support.WaitOption;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dbtlens prune}: removes old invocations, then compacts the file. */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {
        "Removes old invocations (their artifacts, run results, freshness results and ids), then the"
            + " manifests, catalogs, node definitions and compiled code no remaining invocation"
            + " references, in one transaction; then compacts the file (copies it into a new file"
            + " that replaces it). Lists what it removes.",
        "The invocations an environment's current state draws on are always kept: the one holding the"
            + " current manifest, those whose catalogs give the current catalog entries and the latest"
            + " earlier manifest giving compiled code the current one lacks (see docs/prune.md)."})
public final class PruneCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The database file.")
  Path db;

  @Option(names = "--env", paramLabel = "NAME",
      description = "Prune only this environment. Default: every environment.")
  String environment;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Limit limit;

  /** Exactly one of the two limits. */
  static final class Limit {
    @Option(names = "--keep-days", paramLabel = "N", required = true,
        description = "Keep the invocations generated in the last N days.")
    Integer days;

    @Option(names = "--keep-runs", paramLabel = "N", required = true,
        description = "Keep the N latest invocations of each environment.")
    Integer runs;
  }

  @Option(names = "--dry-run", description = "List what would be removed; change nothing.")
  boolean dryRun;

  @Mixin DuckDbOptions duckdb;
  @Mixin WaitOption wait;
  @Mixin VerboseOption verbose;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(db)) {
      throw new ParameterException(spec.commandLine(), "--db: no such database file: " + db);
    }
    PruneOptions options;
    try {
      options = new PruneOptions(environment, limit.days, limit.runs, dryRun, Instant.now());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    duckdb.apply();
    PrintWriter out = spec.commandLine().getOut();
    PruneReport report;
    try (DbtLens lens = wait.open(spec.commandLine(), db, () -> DbtLens.open(db),
        spec.commandLine().getErr()::println)) {
      report = lens.prune(options);
    }
    print(out, report);
    out.flush();
    return ExitCode.OK;
  }

  static void print(PrintWriter out, PruneReport report) {
    String verb = report.dryRun() ? "Would remove " : "Removed ";
    if (report.invocations().isEmpty()) {
      out.println(report.dryRun() ? "Nothing to remove." : "Nothing removed.");
    } else {
      ResultPrinter table = new ResultPrinter(out, ResultPrinter.Format.TABLE);
      List<List<Object>> rows = new ArrayList<>();
      for (PruneReport.Removed r : report.invocations()) {
        rows.add(List.of(r.environment(), r.invocationId(), String.valueOf(r.command()),
            String.valueOf(r.generatedAt())));
      }
      out.println(verb + Plural.of(report.invocations().size(), "invocation") + ":");
      table.print(List.of("environment", "invocation_id", "command", "generated_at"), rows, true);
      out.println();
      out.println(verb + "rows:");
      List<List<Object>> counts = new ArrayList<>();
      for (Map.Entry<String, Long> e : report.rowsRemoved().entrySet()) {
        counts.add(List.of(e.getKey(), e.getValue()));
      }
      table.print(List.of("table", "rows"), counts, true);
      out.println();
      out.println(verb + Plural.of(report.definitionsRemoved(), "node definition")
          + " no remaining manifest holds.");
    }
    if (!report.dryRun()) {
      out.println("File: " + mib(report.bytesBefore()) + " before, " + mib(report.bytesAfter()) + " after.");
    }
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
