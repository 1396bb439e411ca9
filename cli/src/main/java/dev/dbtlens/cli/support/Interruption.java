package dev.dbtlens.cli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Ctrl-C (or a TERM signal) while a command writes a database. The JVM then runs shutdown hooks
 * and halts; without one the ingest vanished silently and left DuckDB's {@code FILE.wal} and temp
 * folder {@code FILE.tmp/} behind. The hook interrupts the writing thread (the library then rolls
 * the ingest back), waits for the command to close the database, removes only what this process
 * created ({@code FILE.tmp/}, {@code FILE.wal}, the database file if it was new), and says what
 * happened. The exit status is the signal's (130 for Ctrl-C).
 */
public final class Interruption implements AutoCloseable {
  /** How long the hook waits for the rollback and close; DuckDB work in progress is not interruptible. */
  private static final long WAIT_SECONDS = 30;

  private final Path db;
  private final Path wal;
  private final Path temp;
  private final boolean dbExisted;
  private final boolean walExisted;
  private final boolean tempExisted;
  private final StatusLine status;
  private final Thread worker = Thread.currentThread();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onSignal, "dbtlens-interrupt");
  private volatile boolean interrupted;
  private volatile boolean written;

  private Interruption(Path db, StatusLine status) {
    this.db = db;
    this.wal = db.resolveSibling(db.getFileName() + ".wal");
    this.temp = db.resolveSibling(db.getFileName() + ".tmp");
    this.dbExisted = Files.exists(db);
    this.walExisted = Files.exists(wal);
    this.tempExisted = Files.exists(temp);
    this.status = status;
  }

  /**
   * Call from the thread that writes, before opening the database; close when it is closed.
   *
   * @param db the database file
   * @param status where to say what happened
   * @return the installed handler
   */
  public static Interruption watch(Path db, StatusLine status) {
    Interruption i = new Interruption(db, status);
    Runtime.getRuntime().addShutdownHook(i.hook);
    return i;
  }

  /** @return whether the process is being stopped: the command should print nothing more */
  public boolean interrupted() {
    return interrupted;
  }

  /** Notes that the ingest committed: after that, nothing is removed. */
  public void written() {
    written = true;
  }

  /** Call once the database is closed. */
  @Override
  public void close() {
    closed.countDown();
    if (!interrupted) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already: the hook runs and finds the database closed
      }
    }
  }

  private void onSignal() {
    interrupted = true;
    worker.interrupt();
    boolean closedInTime;
    try {
      closedInTime = closed.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      closedInTime = false;
    }
    if (written) {
      status.println("interrupted: the ingest had already been written to " + db);
      return;
    }
    String removed = cleanUp(closedInTime);
    status.println("interrupted: nothing was written to " + db + " (the ingest was rolled back)"
        + (removed.isEmpty() ? "" : "; removed " + removed));
  }

  /** @return what was removed, for the message */
  private String cleanUp(boolean closedInTime) {
    StringBuilder removed = new StringBuilder();
    try {
      if (!tempExisted && deleteTree(temp)) {
        removed.append(temp.getFileName()).append('/');
      }
      // a WAL this process created holds nothing committed but the schema and views it writes on
      // opening (the ingest never committed); a WAL that was there before may hold others' data
      if (!walExisted && Files.deleteIfExists(wal)) {
        removed.append(removed.length() == 0 ? "" : ", ").append(wal.getFileName());
      }
      if (!dbExisted && closedInTime && Files.deleteIfExists(db)) {
        removed.append(removed.length() == 0 ? "" : ", ").append(db.getFileName()).append(" (new)");
      }
    } catch (IOException | UncheckedIOException e) {
      removed.append(removed.length() == 0 ? "" : ", ").append("not all: ").append(e.getMessage());
    }
    return removed.toString();
  }

  private static boolean deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
    return true;
  }
}
