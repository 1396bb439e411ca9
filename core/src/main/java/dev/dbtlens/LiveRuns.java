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
    LiveListener l = listener == null ? new LiveListener() { } : listener;
    BufferedReader reader = new BufferedReader(new InputStreamReader(in,
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    try (Connection conn = store.duplicate()) {
      Pending pending = new Pending(environment);
      try (LiveWriter writer = new LiveWriter(conn, environment, "-", pending)) {
      String line;
      while ((line = reader.readLine()) != null) {
        LogLine e = writer.accept(line);
        l.line(line, e == null ? null : e.msg() == null ? "" : stripAnsi(e.msg()), e == null ? null : e.level());
        if (writer.nodeChanged() || (e != null && RUN_EVENTS.contains(e.name()))) {
          writer.flush();
          pending.emit(environment, l);
        }
      }
      writer.flush();
      pending.emit(environment, l);
      return report(List.of(), writer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the dbt log stream", e);
    } catch (SQLException e) {
      throw new StorageException("closing a connection to " + store.description(), e);
    }
  }

  /** Collects what the writer reports until it is committed, then tells the listener. */
  private final class Pending implements LiveWriter.Listener {
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

    void emit(String env, LiveListener l) {
      started.forEach(l::nodeStarted);
      for (NodeEvent n : finished) {
        l.nodeFinished(n);
        for (Alert a : alerts.derive(env, n.uniqueId(), "log")) {
          l.alert(a);
        }
      }
      for (String id : runs) {
        run(env, id).ifPresent(l::runFinished);
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
