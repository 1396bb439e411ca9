package dev.dbtlens.server.internal;

import dev.dbtlens.DbtLens;
import dev.dbtlens.StorageException;
import dev.dbtlens.graphql.DbtLensGraphQL;
import dev.dbtlens.graphql.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The database file, open read-only only while requests use it. DuckDB lets one process write a
 * file, or any number read it, and a read-only open holds a shared lock that keeps a writer (an
 * ingest in another process) out. So the first request to arrive opens the file, the requests that
 * overlap it share that open, and the last one to finish closes it: between requests the file is
 * free for an ingest, and every open sees what the last ingest committed. With a {@code keepOpen}
 * time the file stays open that long after the last request, for clients that send requests one
 * after another (paging), at the cost of keeping a writer out meanwhile.
 *
 * <p>While a writer holds the file, a request waits for it (retrying the open) until its deadline.
 */
final class Database implements AutoCloseable {
  private static final Duration FIRST_RETRY = Duration.ofMillis(25);
  private static final Duration LAST_RETRY = Duration.ofMillis(500);

  private final Path file;
  private final Limits limits;
  private final Duration keepOpen;
  private final ScheduledExecutorService closer;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong opens = new AtomicLong();
  private final AtomicLong openNanos = new AtomicLong();
  private Open open; // guarded by lock
  private int users; // guarded by lock
  private long acquisitions; // guarded by lock

  /** The open database and the schema over it. */
  private record Open(DbtLens lens, DbtLensGraphQL graphql) {}

  /**
   * @param file the database file
   * @param limits the query limits of the schema
   * @param keepOpen how long to keep the file open after the last request; zero closes it at once
   */
  Database(Path file, Limits limits, Duration keepOpen) {
    this.file = file.toAbsolutePath().normalize();
    this.limits = limits;
    this.keepOpen = keepOpen;
    this.closer = keepOpen.isZero() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dbtlens-close");
      t.setDaemon(true);
      return t;
    });
  }

  /** @return the database file, absolute */
  Path file() {
    return file;
  }

  /**
   * Opens the file once and closes it again: fails now, not at the first request, when the file is
   * missing or not a dbtlens database. A writer holding it is no failure.
   *
   * @return false if a writer holds the file at the moment
   * @throws RuntimeException (a {@code DbtLensException}) if it cannot be read
   */
  boolean check() {
    try {
      acquire(Instant.now()).close();
      return true;
    } catch (Unavailable e) {
      return false;
    }
  }

  /**
   * @param deadline when to give up waiting for a writer to let go of the file
   * @return the open database, shared with the requests running now; close it when done
   * @throws Unavailable if a writer held the file until the deadline, or this thread was interrupted
   */
  Lease acquire(Instant deadline) {
    try {
      if (!lock.tryLock(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS)) {
        throw new Unavailable(busyMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while waiting for the database " + file);
    }
    try {
      if (open == null) {
        open = openWithRetries(deadline);
      }
      users++;
      acquisitions++;
      return new Lease(open.graphql(), open.lens());
    } finally {
      lock.unlock();
    }
  }

  /** @return why a request could not open the database in time */
  String busyMessage() {
    return "The database " + file + " is being written by another process (an ingest?);"
        + " try again when it is done.";
  }

  /** @return how many times the file was opened */
  long opens() {
    return opens.get();
  }

  /** @return the total time spent opening the file and building the schema over it, in nanoseconds */
  long openNanos() {
    return openNanos.get();
  }

  private Open openWithRetries(Instant deadline) {
    Duration wait = FIRST_RETRY;
    while (true) {
      try {
        return openNow();
      } catch (StorageException e) {
        if (!heldByWriter(e)) {
          throw e;
        }
        if (remaining(deadline).compareTo(wait) < 0) {
          throw new Unavailable(busyMessage());
        }
      }
      sleep(wait);
      wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
    }
  }

  private Open openNow() {
    long start = System.nanoTime();
    DbtLens lens = DbtLens.openReadOnly(file);
    try {
      Open o = new Open(lens, DbtLensGraphQL.create(lens, limits));
      opens.incrementAndGet();
      openNanos.addAndGet(System.nanoTime() - start);
      return o;
    } catch (RuntimeException e) {
      lens.close();
      throw e;
    }
  }

  private void release() {
    lock.lock();
    try {
      users--;
      if (users > 0) {
        return;
      }
      if (closer == null) {
        closeIfIdle(acquisitions);
      } else {
        scheduleClose(acquisitions);
      }
    } finally {
      lock.unlock();
    }
  }

  private void scheduleClose(long seen) {
    try {
      closer.schedule(() -> closeIfIdle(seen), keepOpen.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      closeIfIdle(seen); // the server is stopping
    }
  }

  /** Closes the file unless a request has used it since {@code seen} acquisitions. */
  private void closeIfIdle(long seen) {
    lock.lock();
    try {
      if (users == 0 && acquisitions == seen && open != null) {
        open.lens().close();
        open = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Closes the file if no request uses it (else the last one closes it) and stops the timer. */
  @Override
  public void close() {
    if (closer != null) {
      closer.shutdownNow();
    }
    lock.lock();
    try {
      closeIfIdle(acquisitions);
    } finally {
      lock.unlock();
    }
  }

  /** DuckDB says "Could not set lock on file ...: Conflicting lock is held". */
  private static boolean heldByWriter(StorageException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.contains("lock")) {
        return true;
      }
    }
    return false;
  }

  private static Duration remaining(Instant deadline) {
    Duration d = Duration.between(Instant.now(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while waiting for the database");
    }
  }

  /** The database, open for one request; closing it lets the file go when no other request uses it. */
  final class Lease implements AutoCloseable {
    private final DbtLensGraphQL graphql;
    private final DbtLens lens;
    private boolean closed;

    private Lease(DbtLensGraphQL graphql, DbtLens lens) {
      this.graphql = graphql;
      this.lens = lens;
    }

    /** @return the schema over the open database */
    DbtLensGraphQL graphql() {
      return graphql;
    }

    /** @return the open database */
    DbtLens lens() {
      return lens;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release();
      }
    }
  }

  /** The database could not be opened in time: a writer holds it. */
  static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }
}
