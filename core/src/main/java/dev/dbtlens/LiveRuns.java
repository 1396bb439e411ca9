package dev.dbtlens;

import dev.dbtlens.internal.live.LiveQueries;
import dev.dbtlens.internal.live.LiveWriter;
import dev.dbtlens.internal.live.LogFiles;
import dev.dbtlens.internal.live.LogLine;
import dev.dbtlens.internal.store.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live runs from dbt's structured logs (docs/live.md): follow a dbt invocation as it builds, and
 * keep what its log said beside the artifacts.
 *
 * <pre>{@code
 * // dbt build --log-format json | java ... (System.in)
 * lens.live().follow("prod", System.in, new LiveListener() {
 *   public void nodeFinished(NodeEvent n) { System.out.println(n.uniqueId() + " " + n.status()); }
 * });
 * }</pre>
 *
 * <p>Each node that starts or finishes is committed at once (one short transaction), so that other
 * connections to the database, in this process, see the run progress in {@code live_runs} and
 * {@code node_events}. DuckDB lets only one process open a file for writing, and no other process
 * read it meanwhile: see docs/live.md for readers in other processes.
 */
public final class LiveRuns {
  /** Events after which the invocation's row is committed even when no node changed. */
  private static final Set<String> RUN_EVENTS = Set.of("MainReportArgs", "ConcurrencyLine",
      "CommandCompleted", "FlushEvents", "FlushEventsFailure");

  private final Store store;
  private final Alerts alerts;

  LiveRuns(Store store, Alerts alerts) {
    this.store = store;
    this.alerts = alerts;
  }

  /**
   * Reads JSON log lines from a stream until it ends (dbt's stdout with {@code --log-format json},
   * or a log file), committing each node as it starts and finishes and deriving its alerts as it
   * finishes. Plain-text lines, truncated lines and unknown events are passed to the listener and
   * otherwise skipped.
   *
   * @param environment the environment the invocations belong to
   * @param in the stream, read as UTF-8 (malformed bytes replaced); not closed
   * @param listener told about every line, node, alert and finished run, or null
   * @return what was read
   */
  public LogIngestReport follow(String environment, InputStream in, LiveListener listener) {
    requireWritable();
    try (Connection conn = store.duplicate()) {
      return follow(environment, in, listener, Duration.ZERO, new Flusher() {
        @Override
        public void flush(LiveWriter writer, Pending pending, LiveListener l) {
          writer.connection(conn);
          writer.flush();
          store.changed();
          pending.emit(alerts, l);
        }
      });
    } catch (SQLException e) {
      throw new StorageException("closing a connection to " + store.description(), e);
    }
  }

  /**
   * Follows a log into a database file that is open only while writing, so that other processes
   * (a {@code dbtlens sql}, a notebook, {@code serve}) can open the file between writes: DuckDB lets
   * one process hold a file for writing and no other process open it meanwhile, not even read-only.
   * Changes are written at most every {@code interval} (each time opening the file, retrying for up
   * to ten seconds while a reader holds it, and closing it).
   *
   * @param db the database file
   * @param environment the environment
   * @param in dbt's JSON log stream; not closed
   * @param listener told about lines, nodes, alerts and finished runs (nodes once written), or null
   * @param interval how long changes may wait before they are written
   * @return what was read
   */
  public static LogIngestReport followReleasing(Path db, String environment, InputStream in,
      LiveListener listener, Duration interval) {
    return follow(environment, in, listener, interval, new Flusher() {
      @Override
      public void flush(LiveWriter writer, Pending pending, LiveListener l) {
        try (DbtLens lens = openRetrying(db)) {
          try (Connection conn = lens.connection()) {
            writer.connection(conn);
            writer.flush();
            writer.close();
            pending.emit(lens.alerts(), l);
          } catch (SQLException e) {
            throw new StorageException("writing the live state to " + db, e);
          }
        }
      }
    });
  }

  private static DbtLens openRetrying(Path db) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long pause = 20;
    while (true) {
      try {
        return DbtLens.open(db);
      } catch (DatabaseLockedException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(pause);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pause = Math.min(pause * 2, 500);
      }
    }
  }

  /** Writes what the writer holds and tells the listener. */
  private interface Flusher {
    void flush(LiveWriter writer, Pending pending, LiveListener l);
  }

  private static final String EOF = new String("end of stream");

  /**
   * Reads lines on a thread of its own into a queue, so that changes are written on time even
   * while dbt prints nothing (a long model).
   */
  private static LogIngestReport follow(String environment, InputStream in, LiveListener listener,
      Duration interval, Flusher flusher) {
    LiveListener l = listener == null ? new LiveListener() { } : listener;
    BlockingQueue<String> queue = new LinkedBlockingQueue<>(10_000);
    AtomicReference<IOException> failure = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
        String line;
        while ((line = r.readLine()) != null) {
          queue.put(line);
        }
      } catch (IOException e) {
        failure.set(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          queue.put(EOF);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "dbtlens-follow-reader");
    reader.setDaemon(true);
    reader.start();
    Pending pending = new Pending(environment);
    long intervalNanos = interval.toNanos();
    try (LiveWriter writer = new LiveWriter(null, environment, "-", pending)) {
      long lastFlush = System.nanoTime();
      while (true) {
        String line = intervalNanos == 0 ? queue.take()
            : queue.poll(Math.max(1, intervalNanos / 4), TimeUnit.NANOSECONDS);
        if (line == EOF) {
          break;
        }
        boolean due;
        if (line != null) {
          LogLine e = writer.accept(line);
          l.line(line, e == null ? null : e.msg() == null ? "" : stripAnsi(e.msg()),
              e == null ? null : e.level());
          due = writer.nodeChanged() || (e != null && RUN_EVENTS.contains(e.name()));
        } else {
          due = writer.dirty();
        }
        if (due && System.nanoTime() - lastFlush >= intervalNanos) {
          flusher.flush(writer, pending, l);
          lastFlush = System.nanoTime();
        }
      }
      if (writer.dirty() || pending.any()) {
        flusher.flush(writer, pending, l);
      }
      if (failure.get() != null) {
        throw new UncheckedIOException("reading the dbt log stream", failure.get());
      }
      return report(List.of(), writer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reader.interrupt();
      throw new DbtLensException("following the dbt log of environment '" + environment
          + "' interrupted; what was read so far is written", e);
    }
  }

  /** Collects what the writer reports until it is committed, then tells the listener. */
  private static final class Pending implements LiveWriter.Listener {
    private final List<NodeEvent> started = new ArrayList<>();
    private final List<NodeEvent> finished = new ArrayList<>();
    private final List<String> runs = new ArrayList<>();
    private final String environment;

    Pending(String environment) {
      this.environment = environment;
    }

    @Override
    public void nodeStarted(LiveWriter.NodeState node) {
      started.add(LiveQueries.event(environment, node));
    }

    @Override
    public void nodeFinished(LiveWriter.NodeState node) {
      finished.add(LiveQueries.event(environment, node));
    }

    @Override
    public void invocationFinished(LiveWriter.InvocationState invocation) {
      runs.add(invocation.invocationId);
    }

    boolean any() {
      return !started.isEmpty() || !finished.isEmpty() || !runs.isEmpty();
    }

    void emit(Alerts alerts, LiveListener l) {
      started.forEach(l::nodeStarted);
      for (NodeEvent n : finished) {
        l.nodeFinished(n);
        for (Alert a : alerts.derive(environment, n.uniqueId(), "log")) {
          l.alert(a);
        }
      }
      for (String id : runs) {
        alerts.liveRun(environment, id).ifPresent(l::runFinished);
      }
      started.clear();
      finished.clear();
      runs.clear();
    }
  }

  /**
   * Reads dbt JSON log files, and folders holding them ({@code dbt.log}, rotated {@code dbt.log.N},
   * {@code *.log}, {@code *.jsonl}, {@code *.ndjson} whose lines are JSON events; text logs are
   * passed over), oldest first, one transaction per file. An invocation whose end the files do not
   * show is marked {@code incomplete}. {@link DbtLens#ingest} calls this for the logs among its
   * paths.
   *
   * @param environment the environment
   * @param paths log files and folders
   * @return what was read
   */
  public LogIngestReport ingestLogs(String environment, List<Path> paths) {
    requireWritable();
    List<Path> files = LogFiles.split(paths).logs();
    if (files.isEmpty()) {
      return LogIngestReport.empty();
    }
    try (Connection conn = store.duplicate();
        LiveWriter writer = new LiveWriter(conn, environment, String.valueOf(files.get(0)), null)) {
      for (Path file : files) {
        writer.source(file.toString());
        try (BufferedReader r = LogFiles.open(file)) {
          String line;
          while ((line = r.readLine()) != null) {
            writer.accept(line);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("reading dbt log " + file, e);
        }
        writer.flush();
      }
      writer.markUnfinishedIncomplete();
      writer.flush();
      store.changed();
      return report(files, writer);
    } catch (SQLException e) {
      throw new StorageException("closing a connection to " + store.description(), e);
    }
  }

  private static LogIngestReport report(List<Path> files, LiveWriter w) {
    return new LogIngestReport(files, w.lines(), w.events(), w.skipped(), w.nodeEvents(),
        w.invocations().stream().map(i -> i.invocationId).toList());
  }

  /**
   * @param environment the environment
   * @return the invocations seen in its logs, newest first
   */
  public List<LiveRun> runs(String environment) {
    try (Connection c = store.duplicate()) {
      return LiveQueries.runs(c, environment, null);
    } catch (SQLException e) {
      throw new StorageException("closing a connection to " + store.description(), e);
    }
  }

  /**
   * @param environment the environment
   * @param invocationId dbt's invocation id
   * @return the invocation, when a log showed it
   */
  public Optional<LiveRun> run(String environment, String invocationId) {
    try (Connection c = store.duplicate()) {
      return LiveQueries.runs(c, environment, invocationId).stream().findFirst();
    } catch (SQLException e) {
      throw new StorageException("closing a connection to " + store.description(), e);
    }
  }

  /**
   * @param environment the environment
   * @param invocationId dbt's invocation id
   * @return its nodes with their latest state, in the order they started
   */
  public List<NodeEvent> nodes(String environment, String invocationId) {
    try (Connection c = store.duplicate()) {
      return LiveQueries.nodes(c, environment, invocationId);
    } catch (SQLException e) {
      throw new StorageException("closing a connection to " + store.description(), e);
    }
  }

  private void requireWritable() {
    if (store.readOnly()) {
      throw new DbtLensException("cannot store live runs: " + store.description() + " is open read-only");
    }
  }

  private static String stripAnsi(String s) {
    return s == null ? null : s.replaceAll("\u001b\\[[0-9;]*m", "");
  }
}
