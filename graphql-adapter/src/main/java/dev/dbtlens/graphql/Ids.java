package dev.dbtlens.graphql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The numeric ids of environments, jobs and runs, the one place that knows where they come from.
 * The {@code environments} view's {@code environment_id} and the {@code invocations} view's
 * {@code job_id} and {@code run_id} are read when the database has them; until then (and for rows
 * without one) environments are numbered 1, 2, ... by their first ingest (then name), runs by
 * their first ingest (then generated_at, environment, invocation id) and jobs by the first ingest
 * of their label. {@code to_json(row)->>'column'} reads a column that may not exist: NULL then.
 * Removing the fallback is removing the {@code coalesce}s below.
 */
final class Ids {
  private Ids() {}

  /** CTEs {@code first_ingest}, {@code env_ids (environment, environment_id)}. */
  static final String ENVIRONMENT_IDS = """
      first_ingest AS (
        SELECT environment, invocation_id, min(ingested_at) AS first_ingested_at
        FROM artifacts GROUP BY environment, invocation_id
      ),
      env_ids AS (
        SELECT e.environment,
               coalesce(TRY_CAST(to_json(e)->>'environment_id' AS BIGINT),
                        row_number() OVER (ORDER BY f.first_ingested_at NULLS LAST, e.environment)) AS environment_id
        FROM environments e
        LEFT JOIN (SELECT environment, min(first_ingested_at) AS first_ingested_at
                   FROM first_ingest GROUP BY environment) f USING (environment)
      )""";

  /** {@link #ENVIRONMENT_IDS} and {@code run_ids (environment, invocation_id, job, run_id, job_id)}. */
  static final String RUN_IDS = ENVIRONMENT_IDS + """
      ,
      run_ids AS (
        SELECT i.environment, i.invocation_id, i.job,
               coalesce(TRY_CAST(to_json(i)->>'run_id' AS BIGINT),
                        row_number() OVER (ORDER BY f.first_ingested_at NULLS LAST, i.generated_at,
                                           i.environment, i.invocation_id)) AS run_id,
               coalesce(TRY_CAST(to_json(i)->>'job_id' AS BIGINT), j.job_id) AS job_id
        FROM invocations i
        LEFT JOIN first_ingest f USING (environment, invocation_id)
        LEFT JOIN (
          SELECT i2.job, row_number() OVER (ORDER BY min(f2.first_ingested_at) NULLS LAST, i2.job) AS job_id
          FROM invocations i2 LEFT JOIN first_ingest f2 USING (environment, invocation_id)
          WHERE i2.job IS NOT NULL GROUP BY i2.job
        ) j ON j.job = i.job
      )""";

  private static final NamedSql RUNS = NamedSql.of("WITH " + RUN_IDS + """

      SELECT environment, invocation_id, job, run_id, job_id FROM run_ids""");

  /** One run's ids. */
  record Run(String environment, String invocationId, String job, long runId, Long jobId) {}

  /** Every run's ids, read once per execution when a field first needs one. */
  static final class Runs {
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
    Long runId(String environment, String invocationId) {
      Run run = invocationId == null ? null : byInvocation.get(environment + "\n" + invocationId);
      return run == null ? null : run.runId();
    }

    /** @return the numeric id of a job label, or null */
    Long jobId(String job) {
      return job == null ? null : jobIds.get(job);
    }

    /** @return the run of a numeric id, or null */
    Run run(long runId) {
      return byRunId.get(runId);
    }

    /** @return the job label of a numeric job id, or null */
    String jobLabel(long jobId) {
      return jobLabels.get(jobId);
    }
  }

  /**
   * @param id a {@code BigInt} argument: a Long, or (dbtlens extension) a name
   * @return the numeric value, or null when it is a name
   */
  static Long number(Object id) {
    return id instanceof Long l ? l : id instanceof Number n ? n.longValue() : null;
  }
}
