package dev.dbtlens.graphql;

import java.sql.SQLException;
import java.time.Instant;

/**
 * A node's execution as the Discovery API's {@code executionInfo} shows it: {@code lastRun*} and
 * {@code lastJobDefinitionId} from the latest build attempt, the rest from the latest successful
 * build. Components are the GraphQL fields.
 */
record ExecutionInfo(
    Long lastRunId,
    String lastRunInvocationId,
    String lastRunStatus,
    String lastRunError,
    Instant lastRunGeneratedAt,
    Long lastRunFailures,
    String lastRunMessage,
    Double lastRunExecutionTime,
    Long lastRunRowsAffected,
    Long lastJobDefinitionId,
    String lastJobName,
    Long lastSuccessRunId,
    String lastSuccessInvocationId,
    Long lastSuccessJobDefinitionId,
    Double executionTime,
    Instant compileStartedAt,
    Instant compileCompletedAt,
    Instant executeStartedAt,
    Instant executeCompletedAt,
    Instant runGeneratedAt,
    Double runElapsedTime,
    Long rowsAffected,
    String threadId,
    JsonText adapterResponse) {

  /** The execution of a node never built: every field null. */
  static final ExecutionInfo NEVER_RUN = new ExecutionInfo(null, null, null, null, null, null, null,
      null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
      null);

  static ExecutionInfo read(Row r) throws SQLException {
    String status = r.str("a_status");
    return new ExecutionInfo(r.lng("a_run_number"), r.str("a_run_id"), status,
        RunRow.isFailure(status) ? r.str("a_message") : null, r.instant("a_generated_at"),
        r.lng("a_failures"), r.str("a_message"), r.dbl("a_execution_time"),
        r.lng("a_rows_affected"), r.lng("a_job_number"), r.str("a_job"), r.lng("s_run_number"),
        r.str("s_run_id"), r.lng("s_job_number"),
        r.dbl("s_execution_time"), r.instant("s_compile_started_at"),
        r.instant("s_compile_completed_at"), r.instant("s_execute_started_at"),
        r.instant("s_execute_completed_at"), r.instant("s_generated_at"),
        r.dbl("s_run_elapsed_time"), r.lng("s_rows_affected"), r.str("s_thread_id"),
        r.json("s_adapter_response"));
  }
}
