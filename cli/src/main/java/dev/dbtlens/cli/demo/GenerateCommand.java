package dev.dbtlens.cli.demo;

import dev.dbtlens.cli.output.Plural;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.VerboseOption;
import dev.dbtlens.testdata.GenerationSummary;
import dev.dbtlens.testdata.ProjectGenerator;
import dev.dbtlens.testdata.ProjectGenerator.Options;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dbtlens generate}: writes a synthetic dbt project's artifacts, for trials and benchmarks. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
        "Writes the artifacts of a synthetic, realistic dbt project: one folder per dbt invocation"
            + " (like successive copies of target/), ready for 'dbtlens ingest'.",
        "The same options always give the same files. Invocation ids depend on the seed and the"
            + " project's shape (--models, --invocations), so two different projects never share one"
            + " and can be ingested side by side (or beside the demo) without conflicts."})
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--models", required = true, paramLabel = "N",
      description = "Models in the final project (" + Options.MIN_MODELS + " or more).")
  int models;

  @Option(names = "--invocations", paramLabel = "K",
      defaultValue = "" + Options.DEFAULT_INVOCATIONS,
      description = "dbt invocations to simulate. Default: ${DEFAULT-VALUE}.")
  int invocations;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Options.DEFAULT_SEED,
      description = "The random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "The folder to write; created if absent, must be empty if present.")
  Path out;

  @Option(names = "--plant-column-lineage",
      description = "Write models whose SQL references only columns their parents have, and the"
          + " column lineage edges they must give into planted-column-lineage.json"
          + " (docs/column-lineage.md). Off by default.")
  boolean plantColumnLineage;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() {
    Options options;
    try {
      options = new Options(models, invocations, seed).withPlantedColumnLineage(plantColumnLineage);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    long start = System.nanoTime();
    GenerationSummary s;
    try {
      s = ProjectGenerator.generate(options, out);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s (%,d bytes) for %s into %s: %s, %s,"
            + " %s, %s, %s, %s (%.1f s).%n",
        Plural.of(s.filesWritten(), "file"), s.totalBytes(), Plural.of(s.invocations(), "invocation"),
        out, Plural.of(s.models(), "model"), Plural.of(s.tests(), "test"),
        Plural.of(s.sources(), "source"), Plural.of(s.seeds(), "seed"),
        Plural.of(s.snapshots(), "snapshot"), Plural.of(s.exposures(), "exposure"),
        (System.nanoTime() - start) / 1e9);
    return ExitCode.OK;
  }
}
