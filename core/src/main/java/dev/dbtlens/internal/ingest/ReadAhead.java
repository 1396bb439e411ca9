package dev.dbtlens.internal.ingest;

import dev.dbtlens.ProgressListener;
import dev.dbtlens.internal.store.RowBuffer;
import dev.dbtlens.internal.store.RowSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Parses on a reading thread while the calling thread appends: the reader fills a batch of rows per
 * table ({@link RowBuffer}s) and hands it over through a queue of {@link #QUEUED} batches, each
 * closed at {@link #BATCH_BYTES} or {@link #BATCH_ROWS}, so that at most a few batches are held
 * whatever the file's size. Parsing and hashing a manifest then overlap DuckDB's appending, the two
 * halves of its streaming.
 *
 * <p>The calling thread keeps what it had: it alone touches the database, it is told of progress
 * ({@link Relay}), it sees the reader's exception as its own (a parse error keeps its type and
 * message), and its interrupt (Ctrl-C) stops the reader. The reader has stopped when {@link #run}
 * returns or throws, so the parser can then be closed.
 */
final class ReadAhead {
  static final long BATCH_BYTES = 4L << 20;
  static final int BATCH_ROWS = 2048;
  static final int QUEUED = 2;

  /** The parse, run on the reading thread; writes rows to {@link #table} and calls {@link #rowDone}. */
  @FunctionalInterface
  interface Producer {
    void run(ReadAhead out) throws IOException;
  }

  private static final RowBuffer[] END = new RowBuffer[0];

  private final int tables;
  private final BlockingQueue<RowBuffer[]> queue = new ArrayBlockingQueue<>(QUEUED);
  private volatile boolean cancelled;
  private Throwable failure;
  private RowBuffer[] current;

  /** @param tables how many tables a batch has rows for */
  ReadAhead(int tables) {
    this.tables = tables;
    this.current = newBatch();
  }

  private RowBuffer[] newBatch() {
    RowBuffer[] b = new RowBuffer[tables];
    for (int i = 0; i < tables; i++) {
      b[i] = new RowBuffer();
    }
    return b;
  }

  /** Reader side: @return where to write rows of table {@code i} */
  RowSink table(int i) {
    return current[i];
  }

  /** Reader side: after rows were written; hands the batch over once it is full. */
  void rowDone() {
    if (cancelled) {
      throw new CancellationException("the ingest stopped");
    }
    long bytes = 0;
    int rows = 0;
    for (RowBuffer b : current) {
      bytes += b.bytes();
      rows += b.rows();
    }
    if (bytes >= BATCH_BYTES || rows >= BATCH_ROWS) {
      handOver(current);
      current = newBatch();
    }
  }

  private void handOver(RowBuffer[] batch) {
    try {
      while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
        if (cancelled) {
          throw new CancellationException("the ingest stopped");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("the reading thread was interrupted");
    }
  }

  /**
   * Runs the producer on a new reading thread and replays its batches into {@code targets} (one per
   * table) on the calling thread, telling {@code relay} after each batch.
   *
   * @throws IOException as the producer threw it
   */
  void run(String name, Producer producer, RowSink[] targets, Relay relay) throws IOException {
    Thread reader = new Thread(() -> {
      try {
        producer.run(this);
        handOver(current);
      } catch (Throwable t) { // handed to the calling thread, which rethrows it
        failure = t;
      } finally {
        if (!cancelled) {
          try {
            handOver(END);
          } catch (CancellationException e) {
            // the calling thread stopped waiting
          }
        }
      }
    }, name);
    reader.setDaemon(true);
    reader.start();
    try {
      for (RowBuffer[] batch = queue.take(); batch != END; batch = queue.take()) {
        for (int i = 0; i < tables; i++) {
          batch[i].replay(targets[i]);
        }
        relay.deliver();
      }
    } catch (InterruptedException e) {
      stop(reader);
      Thread.currentThread().interrupt(); // the ingest reports the interrupt
      throw new CancellationException("interrupted");
    } catch (RuntimeException | Error e) {
      stop(reader);
      throw e;
    }
    joinUninterruptibly(reader);
    relay.deliver();
    rethrow(failure);
  }

  private void stop(Thread reader) {
    cancelled = true;
    queue.clear();
    joinUninterruptibly(reader);
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void rethrow(Throwable t) throws IOException {
    if (t == null) {
      return;
    }
    if (t instanceof IOException e) {
      throw e;
    }
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new UncheckedIOException(new IOException(t));
  }

  /**
   * Progress of the reading thread, told to the listener on the calling thread when it takes a batch
   * (the listener is called from the ingesting thread only, as its contract says).
   */
  static final class Relay implements ProgressListener {
    private final ProgressListener to;
    private volatile long[] latest;
    private volatile Path file;
    private long[] told;

    Relay(ProgressListener to) {
      this.to = to;
    }

    @Override
    public void onProgress(Path file, long bytesRead, long totalBytes) {
      this.file = file;
      this.latest = new long[] {bytesRead, totalBytes};
    }

    /** Calling thread: tells the listener of progress not yet told. */
    void deliver() {
      long[] now = latest;
      if (now != null && now != told) {
        told = now;
        to.onProgress(file, now[0], now[1]);
      }
    }
  }
}
