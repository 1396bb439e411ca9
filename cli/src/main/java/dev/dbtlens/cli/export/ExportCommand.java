package dev.dbtlens.cli.export;

import dev.dbtlens.DbtLens;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.VerboseOption;
import dev.dbtlens.cli.support.WaitOption;
import dev.dbtlens.export.ExportResult;
import dev.dbtlens.export.ParquetExport;
import dev.dbtlens.export.ViewExport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dbtlens export}: every public view as Parquet, incrementally. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
        "Writes every public view of the database (all environments) as Parquet files under --out,"
            + " hive-partitioned by environment, and by date for history views (run_results,"
            + " source_freshness, invocations, ...). Run it again to add only the invocations ingested"
            + " since; snapshot views (nodes, edges, ...) are rewritten.",
        "--out holds _dbtlens/manifest.json (views, columns, types, partitioning) and the state of"
            + " the incremental export. Recipes for Spark, Trino/Athena, DuckDB and object storage:"
            + " docs/export.md."})
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The database file.")
  Path db;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
      description = "The file format: parquet (the only one). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "The export directory: created if absent; an earlier export there is continued.")
  Path out;

  @Option(names = "--snapshot", paramLabel = "VIEW", split = ",",
      description = "Views to rewrite in full on every export although they have an invocation_id column.")
  List<String> snapshots = List.of();

  @Mixin WaitOption wait;
  @Mixin VerboseOption verbose;

  @Override
  public Integer call() {
    if (!"parquet".equals(format)) {
      throw new ParameterException(spec.commandLine(), "--format " + format + " is not supported; use parquet");
    }
    if (!Files.isRegularFile(db)) {
      throw new ParameterException(spec.commandLine(), "no database at " + db
          + " (create one with 'dbtlens ingest --db " + db + " PATH...' or 'dbtlens demo')");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new ParameterException(spec.commandLine(), "--out " + out + " is a file, not a directory");
    }
    PrintWriter w = spec.commandLine().getOut();
    try (DbtLens lens = wait.open(spec.commandLine(), db, () -> DbtLens.openReadOnly(db), line -> {
      spec.commandLine().getErr().println(line);
      spec.commandLine().getErr().flush();
    })) {
      ExportResult r = ParquetExport.export(lens, out, Set.copyOf(snapshots));
      int width = r.views().stream().mapToInt(v -> v.name().length()).max().orElse(4);
      for (ViewExport v : r.views()) {
        w.printf("%-" + width + "s  %-8s  %,10d rows%s%n", v.name(), v.kind(), v.rowsWritten(),
            v.rewritten() ? "" : " appended");
      }
      w.printf("export %d to %s: %,d new invocations, %,d rows in %d views%n", r.exportId(), r.directory(),
          r.newInvocations(), r.rowsWritten(), r.views().size());
      w.flush();
    }
    return ExitCode.OK;
  }
}
