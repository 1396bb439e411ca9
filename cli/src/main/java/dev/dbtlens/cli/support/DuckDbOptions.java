package dev.dbtlens.cli.support;

import dev.dbtlens.DbtLens;
import picocli.CommandLine.Option;

/**
 * {@code --memory-limit} and {@code --threads}: DuckDB settings of the database the command opens,
 * passed to the library as the system properties it reads when opening a database.
 */
public final class DuckDbOptions {
  @Option(names = "--memory-limit", paramLabel = "SIZE",
      description = "DuckDB's memory limit (buffer pool; data beyond it spills to a temp folder"
          + " beside the database), e.g. 2GB. Default: " + DbtLens.DEFAULT_MEMORY_LIMIT + ".")
  public String memoryLimit;

  @Option(names = "--threads", paramLabel = "N",
      description = "DuckDB's worker threads, for queries and ingests alike. Default: one during an"
          + " ingest (it bounds DuckDB's memory), one per core for queries.")
  public Integer threads;

  /** Sets the system properties for the options given; call before opening the database. */
  public void apply() {
    if (memoryLimit != null) {
      System.setProperty(DbtLens.MEMORY_LIMIT_PROPERTY, memoryLimit);
    }
    if (threads != null) {
      System.setProperty(DbtLens.THREADS_PROPERTY, String.valueOf(threads));
    }
  }
}
