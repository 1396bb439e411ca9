package dev.dbtlens.cli.support;

import java.io.PrintWriter;

/**
 * Stderr shared by a transient status line (the progress bar) and the lines printed through it:
 * a line clears the status first, so a warning never lands in the middle of a progress bar.
 */
public final class StatusLine {
  private final PrintWriter err;
  private final boolean interactive;
  private final boolean logsProgress;
  private int shown;

  /**
   * @param err stderr
   * @param interactive whether stderr is a terminal; the status is drawn only then
   */
  public StatusLine(PrintWriter err, boolean interactive) {
    this(err, interactive, false);
  }

  /**
   * @param err stderr
   * @param interactive whether stderr is a terminal; the status is drawn only then
   * @param logsProgress whether progress is printed as lines instead (stderr is the process's own and
   *     not a terminal: a CI log); never for a caller's own stream, such as a test's
   */
  public StatusLine(PrintWriter err, boolean interactive, boolean logsProgress) {
    this.err = err;
    this.interactive = interactive;
    this.logsProgress = logsProgress && !interactive;
  }

  public boolean interactive() {
    return interactive;
  }

  /** @return whether long work reports progress as lines (no terminal to draw a bar on) */
  public boolean logsProgress() {
    return logsProgress;
  }

  /** Draws the status over the previous one; does nothing unless on a terminal. */
  public synchronized void show(String status) {
    if (!interactive) {
      return;
    }
    err.print("\r" + status + " ".repeat(Math.max(0, shown - status.length())));
    err.flush();
    shown = status.length();
  }

  /** Erases the status, if one is shown. */
  public synchronized void clear() {
    if (shown == 0) {
      return;
    }
    err.print("\r" + " ".repeat(shown) + "\r");
    err.flush();
    shown = 0;
  }

  /** Prints a line to stderr, erasing the status first. */
  public synchronized void println(String line) {
    clear();
    err.println(line);
    err.flush();
  }
}
