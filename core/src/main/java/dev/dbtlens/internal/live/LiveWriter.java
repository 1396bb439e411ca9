package dev.dbtlens.internal.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.StorageException;
import dev.dbtlens.internal.dbt.Statuses;
import dev.dbtlens.internal.dbt.Timestamps;
import dev.dbtlens.internal.store.Ids;
import dev.dbtlens.internal.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies dbt log lines to the live state of their invocations and writes what changed to {@code
 * store.live_invocation}, {@code store.live_node} and {@code store.live_warning} when flushed, in
 * one short transaction per flush, so that other connections see progress while dbt runs. Lines
 * that are not events (plain text, a truncated last line, foreign JSON) and events it does not know
 * are counted and skipped: they never stop the reading. Used by one thread.
 */
public final class LiveWriter implements AutoCloseable {
  /** Told about each node as it starts and finishes, and about each invocation's end. */
  public interface Listener {
    /** @param node a node that started running */
    default void nodeStarted(NodeState node) { }

    /** @param node a node that finished, with dbt's status */
    default void nodeFinished(NodeState node) { }

    /** @param invocation an invocation that dbt said ended */
    default void invocationFinished(InvocationState invocation) { }
  }

  /** One invocation's state. Fields mirror {@code store.live_invocation}. */
  public static final class InvocationState {
    public final String invocationId;
    public String status = "running";
    public String command;
    public String invocationCommand;
    public String dbtVersion;
    public LocalDateTime startedAt;
    public LocalDateTime finishedAt;
    public LocalDateTime lastEventAt;
    public Double elapsed;
    public Integer nodeCount;
    public Integer threads;
    /** the run id, once the invocation's first node started (store.run_ids) */
    public Long runId;
    int errors;
    boolean ended;
    boolean hasNodes;

    InvocationState(String invocationId) {
      this.invocationId = invocationId;
    }
  }

  /** One node's state in one invocation. Fields mirror {@code store.live_node}. */
  public static final class NodeState {
    public final String invocationId;
    public final String uniqueId;
    public String resourceType;
    public String name;
    public String status = "running";
    public String thread;
    public Integer index;
    public LocalDateTime startedAt;
    public LocalDateTime finishedAt;
    public Double executionTime;
    public Long rowsAffected;
    public Long failures;
    public String message;
    public String relationName;
    public LocalDateTime compileStartedAt;
    public LocalDateTime compileCompletedAt;
    public LocalDateTime executeStartedAt;
    public LocalDateTime executeCompletedAt;
    /** the adapter's response as JSON text, or null when the log gave none (or an empty one) */
    public String adapterResponse;

    NodeState(String invocationId, String uniqueId) {
      this.invocationId = invocationId;
      this.uniqueId = uniqueId;
    }

    /** @return true once dbt reported a final status */
    public boolean finished() {
      return !"running".equals(status);
    }
  }

  private record Warning(String invocationId, String uniqueId, String event, String level,
      LocalDateTime ts, String message, String data) { }

  private Connection conn;
  private final String environment;
  private String source;
  private final Listener listener;
  private final Map<String, InvocationState> invocations = new LinkedHashMap<>();
  private final Map<String, NodeState> nodes = new LinkedHashMap<>();
  private final Set<String> dirtyInvocations = new LinkedHashSet<>();
  private final Set<String> dirtyNodes = new LinkedHashSet<>();
  private final List<Warning> warnings = new ArrayList<>();
  private long lines;
  private long events;
  private long skipped;
  private long nodeEvents;
  private boolean nodeChanged;

  /**
   * @param conn a connection of a writable store; left in auto-commit mode between flushes
   * @param environment the environment the invocations belong to
   * @param source the log file, or {@code -} for a stream
   * @param listener told about nodes and invocations
   */
  public LiveWriter(Connection conn, String environment, String source, Listener listener) {
    this.conn = conn;
    this.environment = environment;
    this.source = source;
    this.listener = listener == null ? new Listener() { } : listener;
  }

  /**
   * Applies one line.
   *
   * @param line one line of the log, without its terminator
   * @return the event, or null when the line was not one (skipped)
   */
  public LogLine accept(String line) {
    lines++;
    LogLine e = LogLine.parse(line);
    if (e == null) {
      if (!line.isBlank()) {
        skipped++;
      }
      return null;
    }
    events++;
    if (e.invocationId() == null || e.invocationId().isBlank()) {
      return e;
    }
    apply(e);
    return e;
  }

  private void apply(LogLine e) {
    InvocationState inv = invocations.computeIfAbsent(e.invocationId(), InvocationState::new);
    dirtyInvocations.add(inv.invocationId);
    if (e.ts() != null) {
      if (inv.startedAt == null || e.ts().isBefore(inv.startedAt)) {
        inv.startedAt = e.ts();
      }
      if (inv.lastEventAt == null || e.ts().isAfter(inv.lastEventAt)) {
        inv.lastEventAt = e.ts();
      }
    }
    JsonNode d = e.data();
    switch (e.name()) {
      case "MainReportVersion" -> {
        String v = LogLine.text(d, "version");
        if (v != null) {
          inv.dbtVersion = v.replaceFirst("^[=v]+", "");
        }
      }
      case "MainReportArgs" -> {
        JsonNode args = d.path("args");
        String cmd = LogLine.text(args, "invocation_command");
        if (cmd != null && !cmd.isBlank() && !"None".equals(cmd)) {
          inv.invocationCommand = cmd;
        }
        String which = LogLine.text(args, "which");
        if (inv.command == null && which != null && !which.isBlank()) {
          inv.command = "dbt " + which.replace('-', ' ');
        }
        if (inv.command == null && inv.invocationCommand != null) {
          inv.command = commandOf(inv.invocationCommand);
        }
      }
      case "ConcurrencyLine" -> {
        inv.threads = intOr(d, "num_threads", inv.threads);
        Integer count = intOr(d, "node_count", null);
        if (count != null) {
          inv.nodeCount = Math.max(count, inv.nodeCount == null ? 0 : inv.nodeCount);
        }
      }
      case "NodeStart" -> nodeStarted(e, inv);
      case "NodeFinished" -> nodeFinished(e, inv);
      case "EndOfRunSummary" -> inv.errors = Math.max(inv.errors, intOr(d, "num_errors", 0));
      case "CommandCompleted" -> {
        String cmd = LogLine.text(d, "command");
        if (cmd != null) {
          inv.command = cmd;
        }
        JsonNode ok = d.get("success");
        inv.status = ok != null && ok.asBoolean() ? "success" : "error";
        LocalDateTime at = Timestamps.utc(LogLine.text(d, "completed_at"));
        inv.finishedAt = at != null ? at : e.ts();
        if (d.has("elapsed")) {
          inv.elapsed = d.get("elapsed").asDouble();
        }
        end(inv);
      }
      case "FlushEvents", "FlushEventsFailure" -> {
        if ("running".equals(inv.status)) {
          inv.status = inv.errors > 0 || anyNodeFailed(inv) ? "error" : "success";
          inv.finishedAt = e.ts();
        }
        end(inv);
      }
      default -> { }
    }
    if (e.data().has("index") && e.uniqueId() != null) {
      NodeState n = node(inv, e);
      Integer index = intOr(d, "index", null);
      if (index != null) {
        n.index = index;
        dirtyNodes.add(key(n.invocationId, n.uniqueId));
      }
      Integer total = intOr(d, "total", null);
      if (total != null && (inv.nodeCount == null || total > inv.nodeCount)) {
        inv.nodeCount = total;
      }
    }
    if (isWarning(e)) {
      String node = e.uniqueId();
      if (node == null) {
        // NodeNotFoundOrDisabled and other parse-time warnings name the node in data.unique_id
        String named = LogLine.text(d, "unique_id");
        node = named == null || named.isBlank() ? null : named;
      }
      JsonNode rest = d.deepCopy();
      if (rest.isObject()) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) rest).remove("node_info");
      }
      warnings.add(new Warning(inv.invocationId, node, e.name(), e.level(), e.ts(),
          stripAnsi(e.msg()), rest.isObject() && !rest.isEmpty() ? rest.toString() : null));
    }
  }

  private static boolean isWarning(LogLine e) {
    if ("warn".equalsIgnoreCase(e.level()) || "warning".equalsIgnoreCase(e.level())) {
      return !e.name().startsWith("LogTestResult") && !"NodeFinished".equals(e.name());
    }
    return e.name().endsWith("Deprecation") || e.name().equals("DeprecationsSummary");
  }

  private void end(InvocationState inv) {
    if (inv.elapsed == null && inv.startedAt != null && inv.finishedAt != null) {
      inv.elapsed = inv.startedAt.until(inv.finishedAt, ChronoUnit.MICROS) / 1e6;
    }
    if (!inv.ended) {
      inv.ended = true;
      listener.invocationFinished(inv);
    }
  }

  private boolean anyNodeFailed(InvocationState inv) {
    return nodes.values().stream().anyMatch(n -> n.invocationId.equals(inv.invocationId)
        && ("error".equals(n.status) || "fail".equals(n.status) || "runtime error".equals(n.status)));
  }

  private NodeState node(InvocationState inv, LogLine e) {
    String id = e.uniqueId();
    NodeState n = nodes.computeIfAbsent(key(inv.invocationId, id), k -> new NodeState(inv.invocationId, id));
    JsonNode info = e.nodeInfo();
    if (n.resourceType == null) {
      n.resourceType = LogLine.text(info, "resource_type");
      if (n.resourceType == null) {
        n.resourceType = id.substring(0, Math.max(0, id.indexOf('.')));
      }
    }
    if (n.name == null) {
      n.name = LogLine.text(info, "node_name");
    }
    if (n.relationName == null) {
      String rel = LogLine.text(info.path("node_relation"), "relation_name");
      n.relationName = rel == null || rel.isBlank() ? null : rel;
    }
    return n;
  }

  private void nodeStarted(LogLine e, InvocationState inv) {
    if (e.uniqueId() == null) {
      return;
    }
    NodeState n = node(inv, e);
    nodeEvents++;
    inv.hasNodes = true;
    LocalDateTime at = Timestamps.utc(LogLine.text(e.nodeInfo(), "node_started_at"));
    n.startedAt = at != null ? at : e.ts();
    n.thread = threadOf(e.thread());
    if (!n.finished()) {
      n.status = "running";
    }
    dirtyNodes.add(key(n.invocationId, n.uniqueId));
    nodeChanged = true;
    listener.nodeStarted(n);
  }

  private void nodeFinished(LogLine e, InvocationState inv) {
    if (e.uniqueId() == null) {
      return;
    }
    NodeState n = node(inv, e);
    nodeEvents++;
    inv.hasNodes = true;
    JsonNode info = e.nodeInfo();
    JsonNode rr = e.data().path("run_result");
    String status = LogLine.text(rr, "status");
    if (status == null || status.isBlank()) {
      status = LogLine.text(info, "node_status");
    }
    n.status = status == null || status.isBlank() ? "unknown" : Statuses.normalize(status);
    LocalDateTime started = Timestamps.utc(LogLine.text(info, "node_started_at"));
    if (started != null) {
      n.startedAt = started;
    }
    LocalDateTime finished = Timestamps.utc(LogLine.text(info, "node_finished_at"));
    n.finishedAt = finished != null ? finished : e.ts();
    String thread = LogLine.text(rr, "thread");
    n.thread = threadOf(thread != null ? thread : e.thread());
    if (rr.has("execution_time")) {
      n.executionTime = rr.get("execution_time").asDouble();
    }
    String message = LogLine.text(rr, "message");
    n.message = message == null || message.isBlank() || "None".equals(message) ? null : stripAnsi(message);
    JsonNode failures = rr.get("num_failures");
    n.failures = failures == null || failures.isNull() ? null : failures.asLong();
    JsonNode rows = rr.path("adapter_response").get("rows_affected");
    n.rowsAffected = rows == null || !rows.isNumber() ? null : rows.asLong();
    JsonNode adapter = rr.get("adapter_response");
    n.adapterResponse = adapter != null && adapter.isObject() && !adapter.isEmpty()
        ? adapter.toString() : null;
    for (JsonNode t : rr.path("timing_info")) {
      LocalDateTime from = Timestamps.utc(LogLine.text(t, "started_at"));
      LocalDateTime to = Timestamps.utc(LogLine.text(t, "completed_at"));
      if ("compile".equals(LogLine.text(t, "name"))) {
        n.compileStartedAt = from;
        n.compileCompletedAt = to;
      } else if ("execute".equals(LogLine.text(t, "name"))) {
        n.executeStartedAt = from;
        n.executeCompletedAt = to;
      }
    }
    dirtyNodes.add(key(n.invocationId, n.uniqueId));
    nodeChanged = true;
    listener.nodeFinished(n);
  }

  /** The thread as dbt names it, e.g. {@code Thread-1 (worker)}, the same in run_results. */
  static String threadOf(String thread) {
    return thread;
  }

  /**
   * @param command the command as the log names it, e.g. {@code dbt build}
   * @return the job label artifacts would give it ({@code build}, {@code source freshness}), or null
   */
  static String jobLabel(String command) {
    if (command == null || command.isBlank()) {
      return null;
    }
    String c = command.strip().replaceFirst("^dbt\\s+", "");
    return switch (c) {
      case "freshness", "source-freshness", "source_freshness" -> "source freshness";
      case "generate" -> "docs generate";
      default -> c;
    };
  }

  /** @return {@code dbt build} for {@code dbt --debug build --select x} */
  static String commandOf(String commandLine) {
    String[] words = commandLine.strip().split("\\s+");
    StringBuilder out = new StringBuilder("dbt");
    for (int i = 1; i < words.length; i++) {
      String w = words[i];
      if (w.startsWith("-")) {
        if (!w.contains("=") && GLOBAL_WITH_VALUE.contains(w)) {
          i++;
        }
        continue;
      }
      out.append(' ').append(w);
      if (w.equals("source") || w.equals("docs")) {
        if (i + 1 < words.length && !words[i + 1].startsWith("-")) {
          out.append(' ').append(words[i + 1]);
        }
      }
      break;
    }
    return out.toString();
  }

  private static final Set<String> GLOBAL_WITH_VALUE = Set.of("--log-format", "--log-level",
      "--log-path", "--log-format-file", "--log-level-file", "--target-path", "--profiles-dir",
      "--project-dir", "--printer-width", "--cache-selected-only");

  private static String stripAnsi(String s) {
    return s == null ? null : s.replaceAll("\u001b\\[[0-9;]*m", "");
  }

  private static Integer intOr(JsonNode d, String field, Integer fallback) {
    JsonNode v = d.get(field);
    return v != null && v.canConvertToInt() ? Integer.valueOf(v.asInt()) : fallback;
  }

  private static String key(String invocationId, String uniqueId) {
    return invocationId + '\u0000' + uniqueId;
  }

  /**
   * Writes through another connection from now on (a follower that opens the database only to
   * write, so that other processes can open it in between).
   *
   * @param connection the connection for the next flushes
   */
  public void connection(Connection connection) {
    if (connection != conn) {
      close();
      conn = connection;
    }
  }

  /** @return true when something waits to be written */
  public boolean dirty() {
    return !dirtyInvocations.isEmpty() || !dirtyNodes.isEmpty() || !warnings.isEmpty();
  }

  /** @param file the log file read from now on, recorded with the invocations it touches */
  public void source(String file) {
    this.source = file;
  }

  /** @return true when a node started or finished since the last flush */
  public boolean nodeChanged() {
    return nodeChanged;
  }

  /**
   * Marks the invocations that never logged their end (no {@code CommandCompleted}, no {@code
   * FlushEvents}) as {@code incomplete}: for a log file read to its end, dbt crashed or was killed,
   * or the file was cut. Call before the last {@link #flush()} when reading files, not streams.
   */
  public void markUnfinishedIncomplete() {
    for (InvocationState inv : invocations.values()) {
      if (!inv.ended && "running".equals(inv.status)) {
        inv.status = "incomplete";
        dirtyInvocations.add(inv.invocationId);
      }
    }
  }

  /** Writes what changed since the last flush, in one transaction. */
  public void flush() {
    if (dirtyInvocations.isEmpty() && dirtyNodes.isEmpty() && warnings.isEmpty()) {
      nodeChanged = false;
      return;
    }
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    try {
      Sql.inTransaction(conn, () -> {
        for (String id : dirtyInvocations) {
          writeInvocation(invocations.get(id), now);
        }
        for (String k : dirtyNodes) {
          writeNode(nodes.get(k), now);
        }
        for (Warning w : warnings) {
          writeWarning(w);
        }
        return null;
      });
    } catch (SQLException e) {
      throw new StorageException("writing the live state of environment '" + environment
          + "' from " + source, e);
    }
    dirtyInvocations.clear();
    dirtyNodes.clear();
    warnings.clear();
    nodeChanged = false;
  }

  private final Map<String, PreparedStatement> statements = new java.util.HashMap<>();

  /** Prepared once per writer: preparing costs more than running these one-row statements. */
  private long run(String sql, Object... params) throws SQLException {
    PreparedStatement s = statements.get(sql);
    if (s == null) {
      s = conn.prepareStatement(sql);
      statements.put(sql, s);
    }
    Sql.bind(s, params);
    return s.executeUpdate();
  }

  /** Closes the prepared statements; the connection stays open. */
  @Override
  public void close() {
    for (PreparedStatement s : statements.values()) {
      try {
        s.close();
      } catch (SQLException e) {
        // nothing to do
      }
    }
    statements.clear();
  }

  private void writeInvocation(InvocationState i, LocalDateTime now) throws SQLException {
    if (i.runId == null && i.hasNodes) {
      i.runId = Ids.assignLive(conn, environment, i.invocationId, jobLabel(i.command));
    }
    long updated = run("UPDATE store.live_invocation SET status = ?,"
            + " command = coalesce(?, command), invocation_command = coalesce(?, invocation_command),"
            + " dbt_version = coalesce(?, dbt_version), started_at = least(started_at, ?),"
            + " finished_at = coalesce(?, finished_at), last_event_at = greatest(last_event_at, ?),"
            + " elapsed = coalesce(?, elapsed), node_count = greatest(node_count, ?),"
            + " threads = coalesce(?, threads), log_file = ?, updated_at = ?"
            + " WHERE environment = ? AND invocation_id = ?",
        i.status, i.command, i.invocationCommand, i.dbtVersion, i.startedAt, i.finishedAt,
        i.lastEventAt, i.elapsed, i.nodeCount, i.threads, source, now, environment, i.invocationId);
    if (updated == 0) {
      run("INSERT INTO store.live_invocation VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          environment, i.invocationId, i.status, i.command, i.invocationCommand, i.dbtVersion,
          i.startedAt, i.finishedAt, i.lastEventAt, i.elapsed, i.nodeCount, i.threads, source, now);
    }
  }

  private void writeNode(NodeState n, LocalDateTime now) throws SQLException {
    long updated = run("UPDATE store.live_node SET resource_type = ?, name = ?,"
            + " status = ?, thread = coalesce(?, thread), node_index = coalesce(?, node_index),"
            + " started_at = coalesce(?, started_at), finished_at = ?, execution_time = ?,"
            + " rows_affected = ?, failures = ?, message = ?, relation_name = coalesce(?, relation_name),"
            + " updated_at = ?, compile_started_at = ?, compile_completed_at = ?,"
            + " execute_started_at = ?, execute_completed_at = ?, adapter_response = ?"
            + " WHERE environment = ? AND invocation_id = ? AND unique_id = ?",
        n.resourceType, n.name, n.status, n.thread, n.index, n.startedAt, n.finishedAt,
        n.executionTime, n.rowsAffected, n.failures, n.message, n.relationName, now,
        n.compileStartedAt, n.compileCompletedAt, n.executeStartedAt, n.executeCompletedAt,
        n.adapterResponse, environment, n.invocationId, n.uniqueId);
    if (updated == 0) {
      run("INSERT INTO store.live_node (environment, invocation_id, unique_id, resource_type, name,"
              + " status, thread, node_index, started_at, finished_at, execution_time, rows_affected,"
              + " failures, message, relation_name, updated_at, compile_started_at,"
              + " compile_completed_at, execute_started_at, execute_completed_at, adapter_response)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          environment, n.invocationId, n.uniqueId, n.resourceType, n.name, n.status, n.thread,
          n.index, n.startedAt, n.finishedAt, n.executionTime, n.rowsAffected, n.failures,
          n.message, n.relationName, now, n.compileStartedAt, n.compileCompletedAt,
          n.executeStartedAt, n.executeCompletedAt, n.adapterResponse);
    }
  }

  private void writeWarning(Warning w) throws SQLException {
    boolean known = Sql.exists(conn, "SELECT 1 FROM store.live_warning WHERE environment = ?"
            + " AND invocation_id = ? AND event_name = ? AND ts IS NOT DISTINCT FROM ?"
            + " AND unique_id IS NOT DISTINCT FROM ? AND message IS NOT DISTINCT FROM ?",
        environment, w.invocationId(), w.event(), w.ts(), w.uniqueId(), w.message());
    if (!known) {
      run("INSERT INTO store.live_warning (environment, invocation_id, unique_id, event_name, level,"
              + " ts, message, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", environment,
          w.invocationId(), w.uniqueId(), w.event(), w.level() == null ? null
              : w.level().toLowerCase(Locale.ROOT), w.ts(), w.message(), w.data());
    }
  }

  /** @return the invocations seen, in order of first appearance */
  public List<InvocationState> invocations() {
    return List.copyOf(invocations.values());
  }

  /** @return the nodes seen, in order of first appearance */
  public List<NodeState> nodes() {
    return List.copyOf(nodes.values());
  }

  /** @return lines read */
  public long lines() {
    return lines;
  }

  /** @return JSON log events read */
  public long events() {
    return events;
  }

  /** @return non-blank lines that were not events (text, truncated, foreign), skipped */
  public long skipped() {
    return skipped;
  }

  /** @return NodeStart and NodeFinished events applied */
  public long nodeEvents() {
    return nodeEvents;
  }
}
