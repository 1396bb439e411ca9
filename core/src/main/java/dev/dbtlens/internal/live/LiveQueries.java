package dev.dbtlens.internal.live;

import dev.dbtlens.LiveRun;
import dev.dbtlens.NodeEvent;
import dev.dbtlens.StorageException;
import dev.dbtlens.internal.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code live_runs} and {@code node_events} views into the public records. */
public final class LiveQueries {
  private LiveQueries() { }

  /**
   * @param conn a connection
   * @param environment the environment
   * @param invocationId one invocation, or null for all
   * @return the invocations seen in logs, newest first
   */
  public static List<LiveRun> runs(Connection conn, String environment, String invocationId) {
    String sql = "SELECT * FROM live_runs WHERE environment = ? AND (? IS NULL OR invocation_id = ?)"
        + " ORDER BY started_at DESC NULLS LAST, invocation_id";
    List<LiveRun> out = new ArrayList<>();
    try (PreparedStatement s = conn.prepareStatement(sql)) {
      Sql.bind(s, environment, invocationId, invocationId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new LiveRun(r.getString("environment"), r.getString("invocation_id"),
              r.getString("status"), r.getString("command"), r.getString("invocation_command"),
              r.getString("dbt_version"), instant(r, "started_at"), instant(r, "finished_at"),
              instant(r, "last_event_at"), dbl(r, "elapsed"), (Integer) r.getObject("threads"),
              r.getLong("nodes_total"), r.getLong("nodes_finished"), r.getLong("nodes_running"),
              r.getLong("nodes_queued"), r.getLong("nodes_failed"), r.getLong("nodes_warned"),
              r.getLong("nodes_skipped"), dbl(r, "progress"), dbl(r, "eta_seconds"),
              r.getBoolean("has_run_results"), (Long) r.getObject("run_id")));
        }
      }
    } catch (SQLException e) {
      throw new StorageException("reading live_runs of environment '" + environment + "'", e);
    }
    return out;
  }

  /**
   * @param conn a connection
   * @param environment the environment
   * @param invocationId the invocation
   * @return its nodes in the order they started (not started last)
   */
  public static List<NodeEvent> nodes(Connection conn, String environment, String invocationId) {
    String sql = "SELECT * FROM node_events WHERE environment = ? AND invocation_id = ?"
        + " ORDER BY started_at NULLS LAST, node_index NULLS LAST, unique_id";
    List<NodeEvent> out = new ArrayList<>();
    try (PreparedStatement s = conn.prepareStatement(sql)) {
      Sql.bind(s, environment, invocationId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new NodeEvent(r.getString("environment"), r.getString("invocation_id"),
              r.getString("unique_id"), r.getString("resource_type"), r.getString("status"),
              r.getString("thread"), instant(r, "started_at"), instant(r, "finished_at"),
              dbl(r, "execution_time"), r.getString("message"), (Integer) r.getObject("node_index"),
              r.getString("source")));
        }
      }
    } catch (SQLException e) {
      throw new StorageException("reading node_events of invocation " + invocationId, e);
    }
    return out;
  }

  /**
   * @param environment the environment
   * @param n a node's state in the writer
   * @return it as the public record (source {@code log})
   */
  public static NodeEvent event(String environment, LiveWriter.NodeState n) {
    return new NodeEvent(environment, n.invocationId, n.uniqueId, n.resourceType, n.status,
        n.thread, instant(n.startedAt), instant(n.finishedAt), n.executionTime, n.message, n.index,
        "log");
  }

  private static Instant instant(LocalDateTime t) {
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet r, String column) throws SQLException {
    return instant(r.getObject(column, LocalDateTime.class));
  }

  private static Double dbl(ResultSet r, String column) throws SQLException {
    Object v = r.getObject(column);
    return v == null ? null : ((Number) v).doubleValue();
  }
}
