package dev.dbtlens.cli.demo;

import dev.dbtlens.cli.output.IngestPrinter;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.ProgressBar;
import dev.dbtlens.cli.support.StatusLine;
import dev.dbtlens.cli.support.VerboseOption;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.IngestReport;
import dev.dbtlens.testdata.Samples;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dbtlens demo}: ingests the bundled sample shop project and shows what dbtlens sees. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Ingests the bundled sample shop project (several dbt invocations) into a database and"
            + " prints a summary computed with SQL: invocations, nodes, the latest run's statuses,"
            + " the slowest models, failing tests, stale sources, errored models.",
        "Safe to run again: files already ingested are skipped."})
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", paramLabel = "FILE", defaultValue = "dbtlens-demo.duckdb",
      description = "The database file; created if absent. Default: ${DEFAULT-VALUE}.")
  Path db;

  @Mixin VerboseOption verbose;

  private final StatusLine status;

  public DemoCommand(StatusLine status) {
    this.status = status;
  }

  @Override
  public Integer call() throws IOException, SQLException {
    PrintWriter out = spec.commandLine().getOut();
    String environment = IngestOptions.DEFAULT_ENVIRONMENT;
    Path temp = Files.createTempDirectory("dbtlens-demo-");
    try (DbtLens lens = DbtLens.open(db)) {
      Path sample = Samples.extractShopSample(temp);
      out.println("Ingesting the bundled sample shop project into " + db + " ...");
      long start = System.nanoTime();
      IngestReport report;
      try (ProgressBar progress = new ProgressBar(status)) {
        report = lens.ingest(new IngestOptions(environment, null, progress), List.of(sample));
      }
      new IngestPrinter(out, sample).print(report, Duration.ofNanos(System.nanoTime() - start));
      try (Connection connection = lens.connection()) {
        new DemoSummary(connection, out).print(environment, db);
      }
    } finally {
      deleteRecursively(temp);
    }
    return ExitCode.OK;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
