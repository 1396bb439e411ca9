package dev.dbtlens.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Numeric ids, the way Discovery API clients know environments, jobs and runs: given at ingest (an
 * option, the process environment, an artifact's {@code metadata.env}), else assigned in ingestion
 * order (environments 1, 2, ...; runs numbered per database; one job id per job label of an
 * environment). Once stored, an id never changes.
 */
public final class Ids {
  private Ids() {}

  /** Where an id came from, strongest first. */
  public enum Source {
    OPTION, PROCESS_ENV, ARTIFACT_ENV, ASSIGNED,
    /** numbered from its structured log while it ran, before any artifact (docs/live.md) */
    LOG;

    String sqlName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    String describe(String option) {
      return switch (this) {
        case OPTION -> option;
        case PROCESS_ENV -> "the process environment";
        case ARTIFACT_ENV -> "the artifacts' metadata.env";
        case ASSIGNED -> "assigned";
        case LOG -> "its log";
      };
    }
  }

  /** An id and where it came from. */
  public record Id(long value, Source source) {}

  /** A job and run id named for one invocation, each possibly null. */
  public record InvocationIds(Id job, Id run) {}

  /**
   * What an ingest asks for.
   *
   * @param environment the environment's id, or null
   * @param job the job id of every invocation the ingest adds, or null
   * @param run the run id of the one invocation the ingest adds, or null
   * @param perInvocation ids read from each invocation's artifacts, by invocation id
   */
  public record Requested(Id environment, Id job, Id run, Map<String, InvocationIds> perInvocation) {
    /** Nothing asked: every id is assigned. */
    public static final Requested NONE = new Requested(null, null, null, Map.of());

    /** Copies the map. */
    public Requested {
      perInvocation = Map.copyOf(perInvocation);
    }
  }

  /**
   * Keeps the database's account id ({@code store.meta} key {@code account_id}): the first one an
   * ingest sees (docs/mesh.md); a database keeps one account.
   *
   * @param account the id the ingest saw, or null
   * @return a warning when it differs from the stored one
   */
  public static List<String> account(Connection c, Id account) throws SQLException {
    if (account == null) {
      return List.of();
    }
    String stored = Sql.first(c, "SELECT value FROM store.meta WHERE key = 'account_id'");
    if (stored == null) {
      Sql.update(c, "INSERT INTO store.meta VALUES ('account_id', ?)", Long.toString(account.value()));
      return List.of();
    }
    if (!stored.equals(Long.toString(account.value()))) {
      return List.of("the database's account id is " + stored + "; the account id "
          + account.value() + " from " + account.source().describe("an option")
          + " was not used (a database keeps one account)");
    }
    return List.of();
  }

  /** Assigns ids to every environment and invocation that has none, in ingestion order. */
  public static List<String> assignMissing(Connection c, Requested requested) throws SQLException {
    List<String> warnings = new ArrayList<>();
    for (String env : Sql.strings(c, "SELECT environment FROM store.artifact GROUP BY environment"
        + " ORDER BY min(ingested_at), environment")) {
      warnings.addAll(assign(c, env, requested));
    }
    return warnings;
  }

  /**
   * Gives an environment and its invocations without ids their ids.
   *
   * @return warnings about requested ids that could not be used
   * @throws IllegalArgumentException when an id given as an option conflicts with a stored one
   */
  public static List<String> assign(Connection c, String env, Requested requested)
      throws SQLException {
    List<String> warnings = new ArrayList<>();
    environment(c, env, requested.environment(), warnings);
    Map<String, String> missing = invocationsWithoutIds(c, env);
    // artifacts of a run numbered from its log need no id: a run id asked for is weighed (and
    // not used, with a warning) in settleLogNumbered, not refused as naming no run
    boolean onlyLogNumbered = missing.isEmpty() && Sql.exists(c, "SELECT 1 FROM store.run_ids r"
        + " WHERE r.environment = ? AND r.id_source = 'log' AND EXISTS (SELECT 1 FROM store.artifact a"
        + " WHERE a.environment = r.environment AND a.invocation_id = r.invocation_id)", env);
    Id run = onlyLogNumbered ? null : runForOne(requested.run(), missing, warnings);
    for (Map.Entry<String, String> inv : missing.entrySet()) {
      InvocationIds fromArtifacts = requested.perInvocation().get(inv.getKey());
      Id job = first(requested.job(), fromArtifacts == null ? null : fromArtifacts.job());
      Id given = usableRun(c, first(run, fromArtifacts == null ? null : fromArtifacts.run()),
          inv.getKey(), warnings);
      long jobId = job != null ? job.value() : jobIdFor(c, env, inv.getValue());
      long runId = given != null ? given.value() : next(c, "SELECT max(run_id) FROM store.run_ids");
      Source source = given != null ? given.source() : Source.ASSIGNED;
      Sql.update(c, "INSERT INTO store.run_ids VALUES (?, ?, ?, ?, ?, ?)", env, inv.getKey(), runId,
          jobId, inv.getValue(), source.sqlName());
    }
    settleLogNumbered(c, env, requested, warnings);
    return warnings;
  }

  /**
   * Numbers an invocation known only from its structured log (a run in progress, or one that
   * crashed before writing artifacts): the next run id of the database, and the job id of its job
   * label, like an ingest would assign them. Its artifacts, when they arrive, keep the run id
   * ({@link #assign} then takes the job label they give). Gives the environment its id when it has
   * none.
   *
   * @param jobLabel the job label, e.g. {@code build}, or null
   * @return the invocation's run id: the stored one when it has one
   */
  public static long assignLive(Connection c, String env, String invocationId, String jobLabel)
      throws SQLException {
    Long known = Sql.firstLong(c, "SELECT run_id FROM store.run_ids WHERE environment = ?"
        + " AND invocation_id = ?", env, invocationId);
    if (known != null) {
      return known;
    }
    environment(c, env, null, new ArrayList<>());
    long jobId = jobIdFor(c, env, jobLabel);
    long runId = next(c, "SELECT max(run_id) FROM store.run_ids");
    Sql.update(c, "INSERT INTO store.run_ids VALUES (?, ?, ?, ?, ?, ?)", env, invocationId, runId,
        jobId, jobLabel, Source.LOG.sqlName());
    return runId;
  }

  /**
   * Invocations numbered from their log whose artifacts arrived: the run id stays (clients may have
   * asked for it while the run was in progress); the job follows what the artifacts say, like
   * for any invocation; once run_results arrived the ids count as assigned. A run id requested for
   * such an invocation is not used (warning), as for any invocation that already has one.
   */
  private static void settleLogNumbered(Connection c, String env, Requested requested,
      List<String> warnings) throws SQLException {
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, Boolean> finished = new LinkedHashMap<>();
    Map<String, Long> runIds = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement("""
        SELECT a.invocation_id,
               coalesce(max(a.job), max(a.command) FILTER (WHERE a.kind = 'run_results'),
                        max(a.command), any_value(r.job)),
               bool_or(a.kind IN ('run_results', 'sources')), any_value(r.run_id)
        FROM store.artifact a
        JOIN store.run_ids r ON r.environment = a.environment AND r.invocation_id = a.invocation_id
        WHERE a.environment = ? AND r.id_source = 'log'
        GROUP BY a.invocation_id ORDER BY a.invocation_id""")) {
      s.setString(1, env);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          labels.put(r.getString(1), r.getString(2));
          finished.put(r.getString(1), r.getBoolean(3));
          runIds.put(r.getString(1), r.getLong(4));
        }
      }
    }
    for (Map.Entry<String, String> inv : labels.entrySet()) {
      InvocationIds fromArtifacts = requested.perInvocation().get(inv.getKey());
      Id job = first(requested.job(), fromArtifacts == null ? null : fromArtifacts.job());
      Id run = first(labels.size() == 1 ? requested.run() : null,
          fromArtifacts == null ? null : fromArtifacts.run());
      long runId = runIds.get(inv.getKey());
      if (run != null && run.value() != runId) {
        warnings.add("invocation " + inv.getKey() + " already has run id " + runId
            + " (numbered from its log while it ran); the run id " + run.value() + " from "
            + run.source().describe("--run-id") + " was not used");
      }
      long jobId = job != null ? job.value() : jobIdFor(c, env, inv.getValue());
      Sql.update(c, "UPDATE store.run_ids SET job_id = ?, job = ?, id_source = ?"
              + " WHERE environment = ? AND invocation_id = ?", jobId, inv.getValue(),
          finished.get(inv.getKey()) ? Source.ASSIGNED.sqlName() : Source.LOG.sqlName(), env,
          inv.getKey());
    }
  }

  private static void environment(Connection c, String env, Id wanted, List<String> warnings)
      throws SQLException {
    Long stored = Sql.firstLong(c,
        "SELECT environment_id FROM store.environment_ids WHERE environment = ?", env);
    if (stored != null) {
      if (wanted != null && wanted.value() != stored) {
        String msg = "environment '" + env + "' already has id " + stored + "; the id "
            + wanted.value() + " from " + wanted.source().describe("--env-id") + " was not used";
        if (wanted.source() == Source.OPTION) {
          throw new IllegalArgumentException(msg);
        }
        warnings.add(msg);
      }
      return;
    }
    if (wanted != null) {
      String owner = Sql.first(c,
          "SELECT environment FROM store.environment_ids WHERE environment_id = ?", wanted.value());
      if (owner == null) {
        Sql.update(c, "INSERT INTO store.environment_ids VALUES (?, ?, ?)", env, wanted.value(),
            wanted.source().sqlName());
        return;
      }
      String msg = "environment id " + wanted.value() + " from "
          + wanted.source().describe("--env-id") + " already belongs to environment '" + owner + "'";
      if (wanted.source() == Source.OPTION) {
        throw new IllegalArgumentException(msg);
      }
      warnings.add(msg + "; assigning another");
    }
    Sql.update(c, "INSERT INTO store.environment_ids VALUES (?, ?, ?)", env,
        next(c, "SELECT max(environment_id) FROM store.environment_ids"), Source.ASSIGNED.sqlName());
  }

  /** Invocations of the environment without ids, in ingestion order, with their job labels. */
  private static Map<String, String> invocationsWithoutIds(Connection c, String env)
      throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement("""
        SELECT a.invocation_id,
               coalesce(max(a.job), max(a.command) FILTER (WHERE a.kind = 'run_results'),
                        max(a.command))
        FROM store.artifact a
        WHERE a.environment = ?
          AND NOT EXISTS (SELECT 1 FROM store.run_ids r
                          WHERE r.environment = a.environment AND r.invocation_id = a.invocation_id)
        GROUP BY a.invocation_id
        ORDER BY min(a.ingested_at), max(a.generated_at) NULLS FIRST, a.invocation_id""")) {
      s.setString(1, env);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), r.getString(2));
        }
      }
    }
    return out;
  }

  /** A run id names one run: it applies only when exactly one invocation needs an id. */
  private static Id runForOne(Id run, Map<String, String> missing, List<String> warnings) {
    if (run == null || missing.size() == 1) {
      return run;
    }
    String msg = "a run id (" + run.value() + " from " + run.source().describe("--run-id")
        + ") names one run, but " + missing.size() + " invocations need ids";
    if (run.source() == Source.OPTION) {
      throw new IllegalArgumentException(msg + ": ingest them one at a time to give each its run id");
    }
    if (!missing.isEmpty()) {
      warnings.add(msg + "; assigning run ids instead");
    }
    return null;
  }

  private static Id usableRun(Connection c, Id run, String invocationId, List<String> warnings)
      throws SQLException {
    if (run == null) {
      return null;
    }
    String owner = Sql.first(c, "SELECT invocation_id FROM store.run_ids WHERE run_id = ?",
        run.value());
    if (owner == null) {
      return run;
    }
    String msg = "run id " + run.value() + " from " + run.source().describe("--run-id")
        + " already belongs to invocation " + owner;
    if (run.source() == Source.OPTION) {
      throw new IllegalArgumentException(msg);
    }
    warnings.add(msg + "; invocation " + invocationId + " gets an assigned run id");
    return null;
  }

  private static long jobIdFor(Connection c, String env, String label) throws SQLException {
    Long known = Sql.firstLong(c, "SELECT min(job_id) FROM store.run_ids"
        + " WHERE environment = ? AND job IS NOT DISTINCT FROM ?", env, label);
    return known != null ? known : next(c, "SELECT max(job_id) FROM store.run_ids");
  }

  private static long next(Connection c, String maxSql) throws SQLException {
    Long max = Sql.firstLong(c, maxSql);
    return max == null ? 1 : max + 1;
  }

  private static Id first(Id a, Id b) {
    return a != null ? a : b;
  }
}
