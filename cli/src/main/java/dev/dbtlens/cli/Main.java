package dev.dbtlens.cli;

import dev.dbtlens.cli.check.CheckCommand;
import dev.dbtlens.cli.demo.DemoCommand;
import dev.dbtlens.cli.demo.GenerateCommand;
import dev.dbtlens.cli.export.ExportCommand;
import dev.dbtlens.cli.follow.FollowCommand;
import dev.dbtlens.cli.freshness.FreshnessCommand;
import dev.dbtlens.cli.perf.PerfCommand;
import dev.dbtlens.cli.graphql.GraphqlCommand;
import dev.dbtlens.cli.graphql.SchemaCommand;
import dev.dbtlens.cli.ingest.IngestCommand;
import dev.dbtlens.cli.report.ReportCommand;
import dev.dbtlens.cli.prune.PruneCommand;
import dev.dbtlens.cli.mesh.MeshCommand;
import dev.dbtlens.cli.search.SearchCommand;
import dev.dbtlens.cli.select.LineageCommand;
import dev.dbtlens.cli.select.LsCommand;
import dev.dbtlens.cli.serve.ServeCommand;
import dev.dbtlens.cli.sql.SqlCommand;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.Failures;
import dev.dbtlens.cli.support.LibraryLog;
import dev.dbtlens.cli.support.StatusLine;
import dev.dbtlens.cli.support.Terminal;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code dbtlens} command line: every command of {@code dbtlens --help}.
 *
 * <p>Exit codes are those of {@link ExitCode}. See {@code dbtlens --help}.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Runs the command line without exiting: the entry point for tests and embedding.
   *
   * @param out where results go
   * @param err where warnings, errors and progress go
   * @param args command-line arguments
   * @return the exit code
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    boolean ownStderr = err == System.err;
    boolean terminal = ownStderr && Terminal.stderrIsTerminal();
    StatusLine status = new StatusLine(errWriter, terminal, ownStderr && !terminal);
    LibraryLog log = LibraryLog.to(status);
    try {
      return commandLine(outWriter, errWriter, status).execute(args);
    } finally {
      log.close();
      outWriter.flush();
      errWriter.flush();
    }
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, StatusLine status) {
    Failures failures = new Failures();
    CommandLine cl = new CommandLine(new DbtLensCommand())
        .addSubcommand(new IngestCommand(status))
        .addSubcommand(new dev.dbtlens.cli.ingest.DeriveCommand(status))
        .addSubcommand(new SqlCommand())
        .addSubcommand(new DemoCommand(status))
        .addSubcommand(new GenerateCommand())
        .addSubcommand(new LsCommand())
        .addSubcommand(new LineageCommand())
        .addSubcommand(new dev.dbtlens.cli.columns.ColumnsCommand())
        .addSubcommand(new FreshnessCommand())
        .addSubcommand(new CheckCommand())
        .addSubcommand(new PerfCommand())
        .addSubcommand(new GraphqlCommand())
        .addSubcommand(new ServeCommand())
        .addSubcommand(new SchemaCommand())
        .addSubcommand(new ExportCommand())
        .addSubcommand(new ReportCommand())
        .addSubcommand(new FollowCommand(status, System.in))
        .addSubcommand(new PruneCommand())
        .addSubcommand(new SearchCommand())
        .addSubcommand(new MeshCommand())
        .addSubcommand(new CommandLine.HelpCommand())
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(failures)
        .setParameterExceptionHandler(failures)
        .setExitCodeExceptionMapper(failures);
    documentExitCodes(cl);
    return cl;
  }

  private static void documentExitCodes(CommandLine cl) {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put(String.valueOf(ExitCode.OK), "success");
    codes.put(String.valueOf(ExitCode.FAILURE), "failure (database locked or unreadable, query failed, ...)");
    codes.put(String.valueOf(ExitCode.USAGE), "usage error: bad option, unknown command, missing --db,"
        + " a PATH or sql database that does not exist, a --db that is not a DuckDB database,"
        + " SQL syntax error");
    codes.put(String.valueOf(ExitCode.BAD_INPUT), "bad input: an artifact file is malformed or of an"
        + " unsupported version; nothing was written");
    codes.put(String.valueOf(ExitCode.INTERRUPTED), "interrupted (Ctrl-C); an ingest wrote nothing");
    cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    cl.getSubcommands().values().stream()
        .filter(sub -> !(sub.getCommand() instanceof CommandLine.HelpCommand))
        .forEach(sub -> sub.getCommandSpec().usageMessage()
            .exitCodeListHeading("%nExit codes:%n").exitCodeList(codes));
  }
}
