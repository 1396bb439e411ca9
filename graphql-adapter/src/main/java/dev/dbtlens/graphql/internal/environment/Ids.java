package dev.dbtlens.graphql.internal.environment;

import dev.dbtlens.graphql.internal.execution.Db;
import dev.dbtlens.graphql.internal.execution.NamedSql;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.execution.Row;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The numeric ids of environments, jobs and runs, as core stores them at ingest: the {@code
 * environments} view's {@code environment_id} and the {@code invocations} view's {@code job_id} and
 * {@code run_id} (docs/sql.md, "Numeric ids").
 */
public final class Ids {
  private Ids() {}

  /** CTE {@code env_ids (environment, environment_id)}. */
  static final String ENVIRONMENT_IDS = """
      env_ids AS (SELECT environment, environment_id FROM environments)""";

  /** {@link #ENVIRONMENT_IDS} and {@code run_ids (environment, invocation_id, job, run_id, job_id)}. */
  public static final String RUN_IDS = ENVIRONMENT_IDS + """
      ,
      run_ids AS (SELECT environment, invocation_id, job, run_id, job_id FROM invocations)""";

  /**
   * Every run: those with artifacts, and those known only from their structured log (numbered
   * when their first node started, docs/live.md).
   */
  private static final NamedSql RUNS = NamedSql.of("WITH " + RUN_IDS + """

      SELECT environment, invocation_id, job, run_id, job_id FROM run_ids
      UNION ALL
      SELECT r.environment, r.invocation_id, r.job, r.run_id, r.job_id FROM store.run_ids r
      WHERE r.id_source = 'log'
        AND NOT EXISTS (SELECT 1 FROM store.artifact a
                        WHERE a.environment = r.environment AND a.invocation_id = r.invocation_id)""");

  private static final Request.Memo<Runs> ALL_RUNS = new Request.Memo<>(Runs::new);

  /** @return the numeric ids of runs and jobs, read once per execution when first asked */
  public static Runs runs(Request request) {
    return request.memo(ALL_RUNS);
  }

  /** One run's ids. */
  public record Run(String environment, String invocationId, String job, long runId, Long jobId) {}

  /** Every run's ids, read once per execution when a field first needs one. */
  public static final class Runs {
    private final Map<String, Run> byInvocation = new HashMap<>();
    private final Map<Long, Run> byRunId = new HashMap<>();
    private final Map<String, Long> jobIds = new HashMap<>();
    private final Map<Long, String> jobLabels = new HashMap<>();

    Runs(Request request) {
      List<Run> runs = request.db().list(RUNS, Map.of(), r -> new Run(r.str("environment"),
          r.str("invocation_id"), r.str("job"), r.lng("run_id"), r.lng("job_id")));
      for (Run run : runs) {
        byInvocation.put(run.environment() + "\n" + run.invocationId(), run);
        byRunId.put(run.runId(), run);
        if (run.job() != null && run.jobId() != null) {
          jobIds.put(run.job(), run.jobId());
          jobLabels.put(run.jobId(), run.job());
        }
      }
    }

    /** @return the numeric id of an invocation, or null */
    public Long runId(String environment, String invocationId) {
      Run run = invocationId == null ? null : byInvocation.get(environment + "\n" + invocationId);
      return run == null ? null : run.runId();
    }

    /** @return the numeric id of a job label, or null */
    public Long jobId(String job) {
      return job == null ? null : jobIds.get(job);
    }

    /** @return the run of a numeric id, or null */
    public Run run(long runId) {
      return byRunId.get(runId);
    }

    /** @return the job label of a numeric job id, or null */
    public String jobLabel(long jobId) {
      return jobLabels.get(jobId);
    }
  }

  /**
   * @param id a {@code BigInt} argument: a Long, or (dbtlens extension) a name
   * @return the numeric value, or null when it is a name
   */
  public static Long number(Object id) {
    return id instanceof Long l ? l : id instanceof Number n ? n.longValue() : null;
  }
}
