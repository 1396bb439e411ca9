package dev.dbtlens.internal.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.dbtlens.internal.dbt.Json;
import dev.dbtlens.internal.dbt.Timestamps;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * One event of dbt's JSON log. dbt 1.4 and later (and dbt Fusion's JSON lines that keep the shape)
 * write {@code {"data": {...}, "info": {"name", "code", "level", "ts", "invocation_id", "thread",
 * "msg", ...}}}; dbt 1.0 to 1.3 wrote a flat {@code {"type": "log_line", "code", "data", "ts",
 * "invocation_id", "thread_name", "msg", "level", ...}} without event names, which are looked up
 * by code here for the events live runs use.
 *
 * @param name the event name from dbt-core's {@code core_types.proto}, e.g. {@code NodeFinished}
 * @param code the event code, e.g. {@code Q025}, or null
 * @param level debug, info, warn or error
 * @param ts when dbt logged it (UTC), or null
 * @param invocationId the invocation, or null
 * @param thread e.g. {@code Thread-1 (worker)} or {@code MainThread}
 * @param msg the human-readable message
 * @param data the event's data, never null (missing node when absent)
 */
public record LogLine(String name, String code, String level, LocalDateTime ts, String invocationId,
    String thread, String msg, JsonNode data) {

  /** Event codes of dbt 1.0-1.3's flat format, for the events this package reads. */
  private static final Map<String, String> LEGACY_CODES = Map.ofEntries(
      Map.entry("A001", "MainReportVersion"),
      Map.entry("A002", "MainReportArgs"),
      Map.entry("Q011", "LogStartLine"),
      Map.entry("Q024", "NodeStart"),
      Map.entry("Q025", "NodeFinished"),
      Map.entry("Q027", "ConcurrencyLine"),
      Map.entry("Z030", "EndOfRunSummary"),
      Map.entry("Z040", "FlushEvents"));

  /** What a line of input was. */
  public enum Kind {
    /** a JSON event with the info/data (or legacy) shape */
    EVENT,
    /** not JSON: plain text dbt (or something else) printed between events */
    TEXT,
    /** looked like JSON but did not parse or had no event shape: a truncated or foreign line */
    MALFORMED,
    /** empty */
    BLANK
  }

  /**
   * @param line one line of input, without its line terminator
   * @return what kind of line it is
   */
  public static Kind kind(String line) {
    String t = line.strip();
    if (t.isEmpty()) {
      return Kind.BLANK;
    }
    return t.charAt(0) == '{' ? (parse(t) == null ? Kind.MALFORMED : Kind.EVENT) : Kind.TEXT;
  }

  /**
   * Events whose {@code data} live runs read; of the others only {@code info} is parsed (dbt writes
   * {@code info} after {@code data}, which holds SQL and can be large).
   */
  private static final java.util.Set<String> NEEDS_DATA = java.util.Set.of("MainReportVersion",
      "MainReportArgs", "ConcurrencyLine", "NodeStart", "NodeFinished", "EndOfRunSummary",
      "CommandCompleted", "LogStartLine", "LogModelResult", "LogTestResult", "LogSeedResult",
      "LogSnapshotResult", "LogFreshnessResult", "LogNodeResult", "LogNodeNoOpResult",
      "SkippingDetails");

  /**
   * @param line one line of input
   * @return the event, or null when the line is not a JSON log event (text, truncated, foreign)
   */
  public static LogLine parse(String line) {
    String t = line.strip();
    if (t.isEmpty() || t.charAt(0) != '{') {
      return null;
    }
    LogLine quick = infoOnly(t);
    if (quick != null) {
      return quick;
    }
    return parseWhole(t);
  }

  /**
   * @return the event read from its {@code info} object alone, when it is one whose data is not
   *     needed and the line is complete; else null (the whole line is parsed)
   */
  private static LogLine infoOnly(String t) {
    int at = t.lastIndexOf("\"info\":");
    if (at < 0 || !t.endsWith("}")) {
      return null;
    }
    int open = t.indexOf('{', at);
    if (open < 0) {
      return null;
    }
    JsonNode info;
    try (com.fasterxml.jackson.core.JsonParser p = Json.FACTORY.createParser(t.substring(open))) {
      info = Json.MAPPER.readTree(p);
    } catch (java.io.IOException e) {
      return null;
    }
    if (info == null || !info.isObject()) {
      return null;
    }
    String name = text(info, "name");
    String level = text(info, "level");
    if (name == null || NEEDS_DATA.contains(name) || "warn".equals(level) || "warning".equals(level)
        || name.endsWith("Deprecation") || name.startsWith("Deprecations")) {
      return null;
    }
    return new LogLine(name, text(info, "code"), level, Timestamps.utc(text(info, "ts")),
        text(info, "invocation_id"), text(info, "thread"), text(info, "msg"),
        MissingNode.getInstance());
  }

  private static LogLine parseWhole(String t) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(t);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    JsonNode info = root.get("info");
    JsonNode data = root.path("data");
    if (data.isMissingNode() || data.isNull()) {
      data = MissingNode.getInstance();
    }
    if (info != null && info.isObject()) {
      String name = text(info, "name");
      if (name == null) {
        return null;
      }
      return new LogLine(name, text(info, "code"), text(info, "level"),
          Timestamps.utc(text(info, "ts")), text(info, "invocation_id"), text(info, "thread"),
          text(info, "msg"), data);
    }
    String code = text(root, "code");
    if (code != null && (root.has("log_version") || "log_line".equals(text(root, "type")))) {
      String name = LEGACY_CODES.getOrDefault(code, "legacy:" + code);
      String thread = text(root, "thread_name");
      return new LogLine(name, code, text(root, "level"), Timestamps.utc(text(root, "ts")),
          text(root, "invocation_id"), thread == null ? text(root, "thread") : thread,
          text(root, "msg"), data);
    }
    return null;
  }

  /** @return data.node_info, or a missing node */
  public JsonNode nodeInfo() {
    return data.path("node_info");
  }

  /** @return the unique id of the node the event is about, or null */
  public String uniqueId() {
    String id = text(nodeInfo(), "unique_id");
    return id == null || id.isBlank() ? null : id;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull() || v.isMissingNode() || v.isContainerNode()) {
      return null;
    }
    return v.asText();
  }
}
