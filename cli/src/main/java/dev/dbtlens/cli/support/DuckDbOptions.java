package dev.dbtlens.cli.support;

import dev.dbtlens.DbtLens;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --memory-limit} and {@code --threads}: DuckDB settings of the database the command opens,
 * checked here (a usage error) and passed to the library as the system properties it reads when
 * opening a database.
 */
public final class DuckDbOptions {
  /** What DuckDB's {@code memory_limit} accepts: a positive number with a unit, or a percentage of RAM. */
  private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d+(\\.\\d+)?)\\s*(%|b|bytes?"
      + "|k|kb|kib|kilobytes?|m|mb|mib|megabytes?|g|gb|gib|gigabytes?|t|tb|tib|terabytes?)\\s*");

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--memory-limit", paramLabel = "SIZE",
      description = "DuckDB's memory limit (buffer pool; data beyond it spills to a temp folder"
          + " beside the database), e.g. 2GB, 512MB, 1.5GiB or 50%% (of RAM). Default: "
          + DbtLens.DEFAULT_MEMORY_LIMIT + ".")
  public String memoryLimit;

  @Option(names = "--threads", paramLabel = "N",
      description = "DuckDB's worker threads, 1 or more, for queries and ingests. Default: one per core"
          + " for queries, one during an ingest.")
  public Integer threads;

  /**
   * Checks the options and sets the system properties for those given; call before opening the
   * database.
   *
   * @throws ParameterException for a value DuckDB would refuse
   */
  public void apply() {
    if (memoryLimit != null) {
      var m = SIZE.matcher(memoryLimit);
      if (!m.matches() || Double.parseDouble(m.group(1)) == 0) {
        throw new ParameterException(spec.commandLine(), "--memory-limit: '" + memoryLimit
            + "' is not a size such as 2GB, 512MB, 1.5GiB or 50% (of RAM)");
      }
      System.setProperty(DbtLens.MEMORY_LIMIT_PROPERTY, memoryLimit.strip());
    }
    if (threads != null) {
      if (threads < 1) {
        throw new ParameterException(spec.commandLine(), "--threads must be 1 or more, not " + threads);
      }
      System.setProperty(DbtLens.THREADS_PROPERTY, String.valueOf(threads));
    }
  }
}
