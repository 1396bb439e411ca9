package dev.dbtlens.cli.support;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Routes the library's log records (System.Logger {@code dev.dbtlens}, java.util.logging by
 * default) at WARNING and above to stderr as single {@code warning: <message>} lines. This is the
 * only path by which ingest warnings reach the user: {@code IngestReport.warnings()} is not printed
 * again.
 */
public final class LibraryLog implements AutoCloseable {
  /** Held strongly: java.util.logging forgets the configuration of loggers nobody references. */
  private static final Logger LIBRARY = Logger.getLogger("dev.dbtlens");

  private final Handler handler;
  private final boolean parentHandlers;
  private final Level level;

  private LibraryLog(Handler handler) {
    this.handler = handler;
    this.parentHandlers = LIBRARY.getUseParentHandlers();
    this.level = LIBRARY.getLevel();
  }

  /**
   * @param err where the lines go
   * @return the installed routing; close it to restore the previous configuration
   */
  public static LibraryLog to(StatusLine err) {
    LibraryLog log = new LibraryLog(new LineHandler(err));
    LIBRARY.setUseParentHandlers(false);
    LIBRARY.setLevel(Level.WARNING);
    LIBRARY.addHandler(log.handler);
    return log;
  }

  @Override
  public void close() {
    LIBRARY.removeHandler(handler);
    LIBRARY.setUseParentHandlers(parentHandlers);
    LIBRARY.setLevel(level);
  }

  /** One line per record: {@code warning: message} (or {@code error:} for SEVERE). */
  private static final class LineHandler extends Handler {
    private final StatusLine err;
    private final SimpleFormatter formatter = new SimpleFormatter();

    LineHandler(StatusLine err) {
      this.err = err;
      setLevel(Level.WARNING);
    }

    @Override
    public void publish(LogRecord record) {
      if (!isLoggable(record)) {
        return;
      }
      String label = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error" : "warning";
      String message = formatter.formatMessage(record).strip().replaceAll("\\s*\\R\\s*", " ");
      err.println(label + ": " + message);
    }

    @Override
    public void flush() {
      // every line is flushed as it is printed
    }

    @Override
    public void close() {
      // stderr belongs to the caller
    }
  }
}
