package dev.dbtlens.cli.report;

import dev.dbtlens.DbtLens;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.VerboseOption;
import dev.dbtlens.cli.support.WaitOption;
import dev.dbtlens.report.HtmlReport;
import dev.dbtlens.report.ReportSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dbtlens report}: one HTML file that opens from disk. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
        "Writes one self-contained HTML report of an environment: overview (last runs, status counts,"
            + " failing tests, stale sources), a page per node (code, columns, tests, lineage"
            + " neighbourhood, execution-time trend, last failures), the lineage graph with a dbt"
            + " selector box, run timelines by thread, test history, source freshness and a search box.",
        "The file opens from disk with no network: its scripts are inlined and its data embedded"
            + " (docs/report.md)."})
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The database file.")
  Path db;

  @Option(names = "--env", paramLabel = "NAME",
      description = "The environment. Default: the database's only one (required when it holds several).")
  String environment;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "dbtlens-report.html",
      description = "The HTML file to write. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Mixin WaitOption wait;
  @Mixin VerboseOption verbose;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(db)) {
      throw new ParameterException(spec.commandLine(), "no database at " + db
          + " (create one with 'dbtlens ingest --db " + db + " PATH...' or 'dbtlens demo')");
    }
    if (Files.isDirectory(out)) {
      throw new ParameterException(spec.commandLine(), "--out " + out + " is a directory; give a file name");
    }
    try (DbtLens lens = wait.open(spec.commandLine(), db, () -> DbtLens.openReadOnly(db), line -> {
      spec.commandLine().getErr().println(line);
      spec.commandLine().getErr().flush();
    })) {
      ReportSummary s = HtmlReport.write(lens, environment, out);
      spec.commandLine().getOut().printf("wrote %s (%,d bytes): environment %s, %,d nodes (%,d in the lineage"
          + " graph), %,d invocations%n", s.file(), s.fileBytes(), s.environment(), s.nodes(), s.lineageNodes(),
          s.invocations());
      spec.commandLine().getOut().flush();
    }
    return ExitCode.OK;
  }
}
