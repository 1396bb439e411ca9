package dev.dbtlens.cli.ingest;

import dev.dbtlens.Alert;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.cli.output.Plural;
import dev.dbtlens.cli.support.AlertOptions;
import dev.dbtlens.cli.support.DuckDbOptions;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.ProgressBar;
import dev.dbtlens.cli.support.StatusLine;
import dev.dbtlens.cli.support.VerboseOption;
import dev.dbtlens.cli.support.WaitOption;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dbtlens derive}: what {@code ingest --no-derive} left out. */
@Command(
    name = "derive",
    mixinStandardHelpOptions = true,
    description = {
        "Derives what is computed from an environment's committed artifacts: column lineage of the"
            + " definitions that changed, the stored recommendations of the latest manifest, and"
            + " alerts comparing the latest results with the history. Every ingest does this unless"
            + " given --no-derive; run this afterwards to catch up. A step already up to date costs"
            + " almost nothing; a step that fails is a warning, and what is committed stands."})
public final class DeriveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The database file.")
  Path db;

  @Option(names = "--env", paramLabel = "NAME", defaultValue = IngestOptions.DEFAULT_ENVIRONMENT,
      description = "The environment. Default: ${DEFAULT-VALUE}.")
  String environment;

  @Mixin DuckDbOptions duckdb;

  @Mixin AlertOptions alerts;

  @Mixin WaitOption wait;

  @Mixin VerboseOption verbose;

  private final StatusLine status;

  public DeriveCommand(StatusLine status) {
    this.status = status;
  }

  @Override
  public Integer call() {
    if (!Files.isRegularFile(db)) {
      throw new ParameterException(spec.commandLine(), "--db: no such database file: " + db);
    }
    duckdb.apply();
    long start = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    try (DbtLens lens = wait.open(spec.commandLine(), db, () -> DbtLens.open(db), status::println)) {
      List<Alert> derived;
      try (ProgressBar progress = new ProgressBar(status)) {
        derived = lens.derive(environment, progress);
      }
      out.println("Derived column lineage, recommendations and alerts of environment '" + environment
          + "' in " + seconds(Duration.ofNanos(System.nanoTime() - start)) + ": "
          + Plural.of(derived.size(), "new alert") + ".");
      out.flush();
      alerts.handle(lens, derived, out, status);
    }
    return ExitCode.OK;
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
