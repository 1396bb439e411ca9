package dev.dbtlens.cli;

import dev.dbtlens.cli.support.VerboseOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: {@code dbtlens} needs a subcommand. */
@Command(
    name = "dbtlens",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
        "dbt artifacts (manifest, run_results, sources, catalog) in an embedded DuckDB database,"
            + " with run history, queryable with SQL.",
        "",
        "Start with 'dbtlens demo', then 'dbtlens ingest --db FILE target/'."},
    commandListHeading = "%nCommands:%n")
final class DbtLensCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing command: choose one of "
        + String.join(", ", spec.subcommands().keySet()));
  }
}
