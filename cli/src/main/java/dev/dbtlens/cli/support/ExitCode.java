package dev.dbtlens.cli.support;

/**
 * The exit codes of every command: 0 success; 1 failure; 2 usage error; 3 bad input (a malformed
 * artifact or one of an unsupported version); 130 interrupted by Ctrl-C.
 */
public final class ExitCode {
  /** Success. */
  public static final int OK = 0;
  /** Anything that is neither a usage error nor bad input. */
  public static final int FAILURE = 1;
  /**
   * A bad option, an unknown command, a missing {@code --db} or one that is not a database, a
   * malformed selection, an unknown invocation id, a SQL syntax error.
   */
  public static final int USAGE = 2;
  /** An artifact file that is malformed or of an unsupported version. */
  public static final int BAD_INPUT = 3;
  /** Stopped by Ctrl-C (128 + SIGINT, as shells report it); an ingest wrote nothing. */
  public static final int INTERRUPTED = 130;

  private ExitCode() {}
}
