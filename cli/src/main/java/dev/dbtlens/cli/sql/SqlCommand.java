package dev.dbtlens.cli.sql;

import dev.dbtlens.cli.output.ResultPrinter;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.VerboseOption;
import dev.dbtlens.DbtLens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dbtlens sql}: runs one query over the database, opened read-only. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a SQL query (DuckDB dialect) over the database, opened read-only.",
        "Views: environments, invocations, artifacts, nodes, edges, manifest_nodes, columns, macros,"
            + " catalog, catalog_columns, run_results, source_freshness, semantic_manifest_entities,"
            + " dbtlens_info; table macros upstream(id[, depth]) and downstream(id[, depth]) (docs/sql.md).",
        "A SQL syntax error exits with 2, any other failed query with 1."})
public final class SqlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The database file.")
  Path db;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table (aligned, long values cut), csv (RFC 4180) or json (one object per"
          + " line). Default: ${DEFAULT-VALUE}.")
  ResultPrinter.Format format;

  @Mixin VerboseOption verbose;

  @Parameters(paramLabel = "QUERY", description = "The query, e.g. \"SELECT * FROM invocations\".")
  String query;

  @Override
  public Integer call() throws SQLException {
    if (!Files.isRegularFile(db)) {
      throw new ParameterException(spec.commandLine(), "no database at " + db
          + " (create one with 'dbtlens ingest --db " + db + " PATH...' or 'dbtlens demo')");
    }
    try (DbtLens lens = DbtLens.openReadOnly(db);
        Connection connection = lens.connection();
        Statement statement = connection.createStatement()) {
      if (!statement.execute(query)) {
        spec.commandLine().getOut().println("OK");
        return ExitCode.OK;
      }
      try (ResultSet rs = statement.getResultSet()) {
        new ResultPrinter(spec.commandLine().getOut(), format).print(rs);
      }
    }
    return ExitCode.OK;
  }
}
