package dev.dbtlens.cli.support;

import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --db}, {@code --env} and {@code --wait} of the commands that only read: the file must exist. */
public final class ReadOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The database file.")
  public Path db;

  @Option(names = "--env", paramLabel = "NAME", defaultValue = IngestOptions.DEFAULT_ENVIRONMENT,
      description = "The environment. Default: ${DEFAULT-VALUE}.")
  public String environment;

  @Mixin public WaitOption wait;

  /** @return the database, opened read-only, waiting for it as long as {@code --wait} says */
  public DbtLens open() {
    if (!Files.isRegularFile(db)) {
      throw new ParameterException(spec.commandLine(), "no database at " + db
          + " (create one with 'dbtlens ingest --db " + db + " PATH...' or 'dbtlens demo')");
    }
    return wait.open(spec.commandLine(), db, () -> DbtLens.openReadOnly(db), line -> {
      spec.commandLine().getErr().println(line);
      spec.commandLine().getErr().flush();
    });
  }
}
