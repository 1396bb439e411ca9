package dev.dbtlens.cli.support;

import dev.dbtlens.DatabaseLockedException;
import dev.dbtlens.DbtLens;
import dev.dbtlens.DbtLensException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --wait SECONDS}: while another process holds the database (DuckDB lets one process write a
 * file, or any number read it), retry opening it, with backoff, until the deadline; say once what
 * is waited for.
 */
public final class WaitOption {
  private static final long FIRST_PAUSE_MILLIS = 100;
  private static final long MAX_PAUSE_MILLIS = 2_000;

  @Option(names = "--wait", paramLabel = "SECONDS",
      description = "If another process has the database open, retry for up to SECONDS before failing."
          + " Default: 0 (fail at once).")
  long seconds;

  /**
   * @param command the command, for a usage error
   * @param db the database, for messages
   * @param opener opens it, throwing {@link DatabaseLockedException} while it is held
   * @param say prints a line to stderr
   * @return the open database
   * @throws DbtLensException when it is still held at the deadline
   */
  public DbtLens open(CommandLine command, Path db, Supplier<DbtLens> opener, Consumer<String> say) {
    if (seconds < 0) {
      throw new ParameterException(command, "--wait must be 0 or more seconds, not " + seconds);
    }
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    long pause = FIRST_PAUSE_MILLIS;
    boolean told = false;
    while (true) {
      try {
        return opener.get();
      } catch (DatabaseLockedException e) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (seconds == 0) {
          throw e;
        }
        if (leftMillis <= 0) {
          throw new DbtLensException(e.getMessage() + "; still held after waiting " + seconds + " s", e);
        }
        if (!told) {
          say.accept("waiting up to " + seconds + " s for " + db + ": " + holder(e) + " has it open");
          told = true;
        }
        sleep(Math.min(pause, leftMillis));
        pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
      }
    }
  }

  private static String holder(DatabaseLockedException e) {
    return e.holder() == null ? "another process" : "another process (" + e.holder() + ")";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DbtLensException("interrupted while waiting for the database", e);
    }
  }
}
