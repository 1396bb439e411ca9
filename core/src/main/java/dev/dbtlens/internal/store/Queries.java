package dev.dbtlens.internal.store;

import dev.dbtlens.ArtifactKind;
import dev.dbtlens.Invocation;
import dev.dbtlens.Node;
import dev.dbtlens.NodeId;
import dev.dbtlens.RunResult;
import dev.dbtlens.StorageException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * The Java API's reads, over the public SQL views. Each query text keeps a few prepared statements,
 * each on its own connection, for reuse by later calls (one call at a time per statement), so a
 * call such as {@code runHistory} in a loop pays for planning once, not per call.
 */
public final class Queries {
  /** Idle statements kept per query text: about the number of threads that query at once. */
  private static final int POOLED_PER_QUERY = 4;

  private final Store store;
  private final Map<String, Queue<PreparedStatement>> statements = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** @param store the database */
  public Queries(Store store) {
    this.store = store;
  }

  /** @return environments sorted by name */
  public List<String> environments() {
    return list("SELECT environment FROM environments ORDER BY environment", r -> r.getString(1));
  }

  /** @return the environment's invocations, oldest first */
  public List<Invocation> invocations(String environment) {
    return list("""
        SELECT environment, invocation_id, command, job, dbt_version, generated_at, elapsed_time, artifacts,
               environment_id, job_id, run_id
        FROM invocations WHERE environment = ? ORDER BY generated_at NULLS FIRST, invocation_id""",
        r -> new Invocation(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
            r.getString(5), instant(r, 6), dbl(r, 7), kinds(r.getArray(8)), r.getLong(9),
            r.getLong(10), r.getLong(11)),
        environment);
  }

  /** @return latest node definitions, all or the one with the given unique id */
  public List<Node> nodes(String environment, String uniqueId) {
    return list("""
        SELECT environment, unique_id, resource_type, name, package_name, database, schema, alias,
               materialized, tags, original_file_path, description, checksum, raw_code, compiled_code,
               meta, config
        FROM nodes WHERE environment = ? AND (? IS NULL OR unique_id = ?) ORDER BY unique_id""",
        r -> new Node(r.getString(1), NodeId.of(r.getString(2)), r.getString(3), r.getString(4),
            r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
            strings(r.getArray(10)), r.getString(11), r.getString(12), r.getString(13),
            r.getString(14), r.getString(15), r.getString(16), r.getString(17)),
        environment, uniqueId, uniqueId);
  }

  private static final String NON_BUILDS = CurrentState.NON_BUILDS_SQL;

  /**
   * @param allCommands false to leave out results of {@link RunResult#NON_BUILD_COMMANDS}
   * @return a node's run results with their command, newest first: the rows of the {@code
   *     run_results} view, read from its tables, as none of the view's other joined columns is
   *     needed
   */
  public List<RunResult> runHistory(String environment, String uniqueId, int limit, boolean allCommands) {
    return list("""
        SELECT r.environment, r.invocation_id, r.unique_id, r.status, r.execution_time, r.thread_id,
               r.execute_started_at, r.execute_completed_at, r.rows_affected, r.failures, r.message,
               r.generated_at, c.command
        FROM store.run_result r
        LEFT JOIN (SELECT invocation_id, any_value(command) AS command FROM store.artifact
                   WHERE environment = ? AND kind = 'run_results' GROUP BY invocation_id) c
               USING (invocation_id)
        WHERE r.environment = ? AND r.unique_id = ?
          AND (? OR c.command IS NULL OR c.command NOT IN (%s))
        ORDER BY r.generated_at DESC NULLS LAST, r.invocation_id DESC LIMIT ?""".formatted(NON_BUILDS),
        r -> new RunResult(r.getString(1), r.getString(2), NodeId.of(r.getString(3)), r.getString(4),
            dbl(r, 5), r.getString(6), instant(r, 7), instant(r, 8), lng(r, 9), lng(r, 10),
            r.getString(11), instant(r, 12), r.getString(13)),
        environment, environment, uniqueId, allCommands, limit);
  }

  private interface RowMapper<T> {
    T map(ResultSet r) throws SQLException;
  }

  private <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
    Queue<PreparedStatement> pool = statements.computeIfAbsent(sql, k -> new ConcurrentLinkedQueue<>());
    PreparedStatement s = pool.poll();
    boolean reusable = false;
    try {
      if (s == null) {
        s = prepare(sql);
      }
      Sql.bind(s, params);
      List<T> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(mapper.map(r));
        }
      }
      reusable = !closed && pool.size() < POOLED_PER_QUERY;
      return out;
    } catch (SQLException e) {
      throw new StorageException("querying " + sql.strip().lines().findFirst().orElse(sql), e);
    } finally {
      if (reusable) {
        pool.offer(s);
      } else {
        closeQuietly(s);
      }
    }
  }

  /** Closes the pooled statements and their connections: called when the database closes. */
  public void close() {
    closed = true;
    clear();
  }

  /** Closes the pooled statements and their connections; later queries prepare new ones. */
  public void clear() {
    for (Queue<PreparedStatement> pool : statements.values()) {
      for (PreparedStatement s; (s = pool.poll()) != null; ) {
        closeQuietly(s);
      }
    }
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    Connection c = store.duplicate();
    try {
      return c.prepareStatement(sql);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  private static void closeQuietly(PreparedStatement s) {
    if (s == null) {
      return;
    }
    try (Connection c = s.getConnection(); s) {
      // closing both
    } catch (SQLException ignored) {
      // a statement that failed or a connection closed with its database: nothing to keep
    }
  }

  private static Instant instant(ResultSet r, int col) throws SQLException {
    // not getTimestamp: java.sql.Timestamp goes through the JVM's time zone (DST gaps shift it)
    LocalDateTime t = r.getObject(col, LocalDateTime.class);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  private static Double dbl(ResultSet r, int col) throws SQLException {
    double v = r.getDouble(col);
    return r.wasNull() ? null : v;
  }

  private static Long lng(ResultSet r, int col) throws SQLException {
    long v = r.getLong(col);
    return r.wasNull() ? null : v;
  }

  private static List<String> strings(Array a) throws SQLException {
    if (a == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object o : (Object[]) a.getArray()) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  private static Set<ArtifactKind> kinds(Array a) throws SQLException {
    Set<ArtifactKind> out = EnumSet.noneOf(ArtifactKind.class);
    for (String k : strings(a)) {
      out.add(ArtifactKind.valueOf(k.toUpperCase(Locale.ROOT)));
    }
    return out;
  }
}
