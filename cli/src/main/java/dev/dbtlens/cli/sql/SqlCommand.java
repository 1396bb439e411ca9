package dev.dbtlens.cli.sql;

import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.cli.output.ResultPrinter;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.VerboseOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
        "Runs a SQL query (DuckDB dialect) over the database, opened read-only: given as QUERY, read"
            + " from a file with -f FILE, or from stdin when QUERY is '-'.",
        "Views: environments, invocations, artifacts, nodes, edges, manifest_nodes, columns, macros,"
            + " catalog, catalog_columns, run_results, source_freshness, semantic_manifest_entities,"
            + " dbtlens_info; table macros upstream(id[, depth]) and downstream(id[, depth]) (docs/sql.md).",
        "The variable env holds --env (default: default): WHERE environment = getvariable('env').",
        "A SQL syntax error exits with 2, any other failed query with 1."})
public final class SqlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The database file.")
  Path db;

  @Option(names = "--env", paramLabel = "NAME",
      description = "Sets the SQL variable env, read with getvariable('env'); the database must hold"
          + " this environment. Default: " + IngestOptions.DEFAULT_ENVIRONMENT + " (not checked).")
  String environment;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the query from this file.")
  Path file;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table (aligned; nothing is cut: text longer than --max-width wraps, values"
          + " without spaces such as unique ids widen their column; doubles in plain notation, 6"
          + " decimals), csv (RFC 4180, every value in full) or json (one object per line)."
          + " Default: ${DEFAULT-VALUE}.")
  ResultPrinter.Format format;

  @Option(names = "--max-width", paramLabel = "N", defaultValue = "" + ResultPrinter.MAX_CELL,
      description = "Widest a table column gets before its text wraps onto more lines; 0: never wrap."
          + " Default: ${DEFAULT-VALUE}.")
  int maxWidth;

  @Mixin VerboseOption verbose;

  @Parameters(paramLabel = "QUERY", arity = "0..1",
      description = "The query, e.g. \"SELECT * FROM invocations\"; '-' reads it from stdin.")
  String query;

  @Override
  public Integer call() throws SQLException, IOException {
    String sql = query();
    if (maxWidth < 0) {
      throw new ParameterException(spec.commandLine(), "--max-width must be 0 or more, not " + maxWidth);
    }
    if (!Files.isRegularFile(db)) {
      throw new ParameterException(spec.commandLine(), "no database at " + db
          + " (create one with 'dbtlens ingest --db " + db + " PATH...' or 'dbtlens demo')");
    }
    try (DbtLens lens = DbtLens.openReadOnly(db);
        Connection connection = lens.connection();
        Statement statement = connection.createStatement()) {
      setEnv(lens, connection);
      if (!statement.execute(sql)) {
        spec.commandLine().getOut().println("OK");
        return ExitCode.OK;
      }
      try (ResultSet rs = statement.getResultSet()) {
        new ResultPrinter(spec.commandLine().getOut(), format, maxWidth).print(rs);
      }
    }
    return ExitCode.OK;
  }

  private String query() throws IOException {
    if (file != null && query != null) {
      throw new ParameterException(spec.commandLine(), "either a QUERY or -f FILE, not both");
    }
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new ParameterException(spec.commandLine(), "no query file at " + file);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    }
    if (query == null) {
      throw new ParameterException(spec.commandLine(), "a QUERY, '-' (stdin) or -f FILE is required");
    }
    return query.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : query;
  }

  private void setEnv(DbtLens lens, Connection connection) throws SQLException {
    if (environment != null) {
      lens.requireEnvironment(environment);
    }
    try (PreparedStatement set = connection.prepareStatement("SET VARIABLE env = ?")) {
      set.setString(1, environment == null ? IngestOptions.DEFAULT_ENVIRONMENT : environment);
      set.execute();
    }
  }
}
