package dev.dbtlens.cli.support;

import dev.dbtlens.ArtifactFormatException;
import dev.dbtlens.InvocationNotFoundException;
import dev.dbtlens.NotADatabaseException;
import dev.dbtlens.SelectorSyntaxException;
import java.io.PrintWriter;
import java.sql.SQLException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into one {@code error: ...} line and an exit code: 3 for bad input, 2 for usage
 * errors (bad options and arguments the library refuses, a {@code --db} that is not a database, a
 * malformed selection, an unknown invocation id, SQL syntax errors), 1 for anything else. A malformed
 * selection keeps its second and third lines: the expression and a caret. Stack traces only with
 * {@code --verbose}.
 */
public final class Failures
    implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

  @Override
  public int getExitCode(Throwable t) {
    if (t instanceof ArtifactFormatException) {
      return ExitCode.BAD_INPUT;
    }
    // an invocation id given as an option (--state-invocation, --as-of) that names none is a usage error
    if (t instanceof ParameterException || t instanceof SelectorSyntaxException
        || t instanceof InvocationNotFoundException || t instanceof IllegalArgumentException
        || t instanceof NotADatabaseException
        || isSqlSyntaxError(t)) {
      return ExitCode.USAGE;
    }
    return ExitCode.FAILURE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    cl.getOut().flush();
    PrintWriter err = cl.getErr();
    err.println("error: " + message(ex));
    if (VerboseOption.given(parsed)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return cl.getExitCodeExceptionMapper().getExitCode(ex);
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    cl.getOut().flush();
    PrintWriter err = cl.getErr();
    err.println("error: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCode.USAGE;
  }

  /**
   * SQL errors keep their lines (DuckDB points at the offending token on the next line); every
   * other message is made one line.
   */
  private static String message(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    if (t instanceof SQLException || t instanceof SelectorSyntaxException) {
      return m;
    }
    return m.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** DuckDB reports syntax errors as {@code Parser Error: ...}; other SQL failures are not usage errors. */
  private static boolean isSqlSyntaxError(Throwable t) {
    return t instanceof SQLException && t.getMessage() != null
        && t.getMessage().startsWith("Parser Error");
  }
}
