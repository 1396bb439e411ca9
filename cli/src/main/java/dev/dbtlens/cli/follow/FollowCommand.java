package dev.dbtlens.cli.follow;

import dev.dbtlens.Alert;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.LiveListener;
import dev.dbtlens.LiveRun;
import dev.dbtlens.LiveRuns;
import dev.dbtlens.LogIngestReport;
import dev.dbtlens.NodeEvent;
import dev.dbtlens.cli.support.AlertOptions;
import dev.dbtlens.cli.support.DuckDbOptions;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.StatusLine;
import dev.dbtlens.cli.support.WaitOption;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dbtlens follow}: reads dbt's JSON log, stores each node as it starts and finishes. */
@Command(
    name = "follow",
    mixinStandardHelpOptions = true,
    description = {
        "Follows a dbt invocation from its JSON log as it runs:"
            + " dbt build --log-format json | dbtlens follow --db FILE --env prod",
        "Each node is stored as it starts and finishes (views live_runs, node_events), failures and"
            + " alerts are printed as they happen, and a progress bar shows on a terminal. dbt's"
            + " output passes through to stdout (--output). Plain-text lines, truncated lines and"
            + " unknown events never stop it.",
        "The database is held while following; with --release other processes can open it between"
            + " writes (docs/live.md). Exit 1 when an invocation followed ended in error."})
public final class FollowCommand implements Callable<Integer> {
  /** What reaches stdout. */
  enum Output { text, raw, none }

  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE",
      description = "The database file; created if absent.")
  Path db;

  @Option(names = "--env", paramLabel = "NAME", defaultValue = IngestOptions.DEFAULT_ENVIRONMENT,
      description = "The environment the invocation belongs to. Default: ${DEFAULT-VALUE}.")
  String environment;

  @Option(names = "--file", paramLabel = "PATH",
      description = "Read this log file instead of stdin (read to its end, not tailed).")
  Path file;

  @Option(names = "--output", paramLabel = "MODE", defaultValue = "text",
      description = "dbt's output on stdout: text (each event's message, as dbt prints it; the"
          + " default), raw (the lines as read, for another consumer), none.")
  Output output;

  @Option(names = "--release", paramLabel = "SECONDS",
      description = "Open the database only to write, at most every SECONDS, so that other processes"
          + " can read it meanwhile. Default: hold it while following, writing each node at once.")
  Double release;

  @Mixin AlertOptions alerts;

  @Mixin DuckDbOptions duckdb;

  @Mixin WaitOption wait;

  private final StatusLine status;
  private final InputStream stdin;

  /**
   * @param status stderr's status line
   * @param stdin the stream read without {@code --file}
   */
  public FollowCommand(StatusLine status, InputStream stdin) {
    this.status = status;
    this.stdin = stdin;
  }

  @Override
  public Integer call() throws Exception {
    if (environment.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--env must not be blank");
    }
    if (file != null && !Files.isRegularFile(file)) {
      throw new ParameterException(spec.commandLine(), "no such file: " + file);
    }
    if (release != null && release < 0) {
      throw new ParameterException(spec.commandLine(), "--release must be 0 or more seconds");
    }
    duckdb.apply();
    View view = new View(spec.commandLine().getOut());
    LogIngestReport report;
    try (InputStream in = file == null ? new NonClosing(stdin) : Files.newInputStream(file)) {
      if (release != null) {
        report = LiveRuns.followReleasing(db, environment, in, view,
            Duration.ofMillis(Math.round(release * 1000)));
      } else {
        try (DbtLens lens = wait.open(spec.commandLine(), db, () -> DbtLens.open(db), status::println)) {
          report = lens.live().follow(environment, in, view);
          view.deliver(lens);
        }
      }
      if (release != null && !view.alerts.isEmpty() && !alerts.webhooks.isEmpty()) {
        try (DbtLens lens = DbtLens.open(db)) {
          view.deliver(lens);
        }
      }
    } finally {
      status.clear();
    }
    status.println(String.format(Locale.ROOT, "Followed %d lines (%d events, %d node events, %d"
            + " skipped) of %d invocation%s into environment '%s' of %s.", report.lines(),
        report.events(), report.nodeEvents(), report.skippedLines(), report.invocations().size(),
        report.invocations().size() == 1 ? "" : "s", environment, db));
    return view.anyError ? ExitCode.FAILURE : ExitCode.OK;
  }

  /** The terminal view: dbt's output, failures and alerts as lines, progress on the status line. */
  private final class View implements LiveListener {
    private final PrintWriter out;
    private final Map<String, NodeEvent> running = new LinkedHashMap<>();
    private final List<Alert> alerts = new ArrayList<>();
    private long finished;
    private long failed;
    private long total;
    private boolean anyError;

    View(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void line(String raw, String message, String level) {
      switch (output) {
        case raw -> {
          status.clear();
          out.println(raw);
          out.flush();
        }
        case text -> {
          if (message == null) {
            status.clear();
            out.println(raw);
            out.flush();
          } else if (!"debug".equals(level) && !message.isEmpty()) {
            status.clear();
            out.println(message);
            out.flush();
          }
        }
        case none -> { }
      }
      if (message != null) {
        total = Math.max(total, totalOf(message));
      }
    }

    /** dbt's "3 of 20 START ..." lines give the total before ConcurrencyLine is committed. */
    private long totalOf(String message) {
      java.util.regex.Matcher m = N_OF_M.matcher(message);
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Override
    public void nodeStarted(NodeEvent node) {
      running.put(node.invocationId() + " " + node.uniqueId(), node);
      draw();
    }

    @Override
    public void nodeFinished(NodeEvent node) {
      running.remove(node.invocationId() + " " + node.uniqueId());
      finished++;
      if (node.failed() || "warn".equals(node.status())) {
        if (node.failed()) {
          failed++;
        }
        status.println(String.format(Locale.ROOT, "%s %s%s", node.status().toUpperCase(Locale.ROOT),
            node.uniqueId(), node.message() == null ? "" : ": " + firstLine(node.message())));
      }
      draw();
    }

    @Override
    public void alert(Alert alert) {
      alerts.add(alert);
      if (FollowCommand.this.alerts.print) {
        status.println(AlertOptions.line(alert));
      }
    }

    @Override
    public void runFinished(LiveRun run) {
      anyError |= "error".equals(run.status());
      status.println(String.format(Locale.ROOT, "%s %s%s: %s, %d of %d nodes finished, %d failed, %.1f s",
          run.command() == null ? "dbt" : run.command(), run.invocationId(),
          run.runId() == null ? "" : " (run " + run.runId() + ")", run.status(),
          run.nodesFinished(), run.nodesTotal(), run.nodesFailed(),
          run.elapsedSeconds() == null ? 0.0 : run.elapsedSeconds()));
      running.clear();
      finished = 0;
      failed = 0;
      total = 0;
    }

    private void draw() {
      long t = Math.max(total, finished + running.size());
      int width = 20;
      int done = t == 0 ? 0 : (int) (width * finished / t);
      String names = running.values().stream().map(n -> n.uniqueId().substring(
          n.uniqueId().lastIndexOf('.') + 1)).limit(3).reduce((a, b) -> a + ", " + b).orElse("");
      status.show(String.format(Locale.ROOT, "[%s%s] %d/%d, %d running%s%s",
          "#".repeat(done), "-".repeat(width - done), finished, t, running.size(),
          failed == 0 ? "" : ", " + failed + " failed", names.isEmpty() ? "" : ": " + names));
    }

    void deliver(DbtLens lens) {
      AlertOptions quiet = new AlertOptions();
      quiet.webhooks = FollowCommand.this.alerts.webhooks;
      quiet.slack = FollowCommand.this.alerts.slack;
      quiet.handle(lens, alerts, out, status);
    }
  }

  private static final java.util.regex.Pattern N_OF_M =
      java.util.regex.Pattern.compile("^\\s*\\d+ of (\\d+) ");

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl) + " ...";
  }

  /** Stdin stays open for the rest of the process. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() { }
  }
}
