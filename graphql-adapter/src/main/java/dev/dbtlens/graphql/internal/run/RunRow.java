package dev.dbtlens.graphql.internal.run;

import dev.dbtlens.graphql.internal.execution.NodeKey;
import dev.dbtlens.graphql.internal.execution.Row;
import dev.dbtlens.graphql.internal.scalars.JsonText;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;

/** One node's result in one run: the GraphQL {@code RunResultNode}. */
public record RunRow(
    String environmentId,
    String uniqueId,
    String name,
    String resourceType,
    String runId,
    String jobId,
    String command,
    String status,
    String message,
    Double executionTime,
    String threadId,
    Instant compileStartedAt,
    Instant compileCompletedAt,
    Instant executeStartedAt,
    Instant executeCompletedAt,
    Instant runGeneratedAt,
    Double runElapsedTime,
    Long rowsAffected,
    Long failures,
    JsonText adapterResponse,
    String relationName) {

  private static final Set<String> FAILURES = Set.of("error", "fail", "runtime error");

  /** @return true for a status that means the node failed */
  public static boolean isFailure(String status) {
    return status != null && FAILURES.contains(status);
  }

  public String invocationId() {
    return runId;
  }

  public String error() {
    return isFailure(status) ? message : null;
  }

  public boolean skip() {
    return "skipped".equals(status);
  }

  public NodeKey key() {
    return new NodeKey(environmentId, uniqueId);
  }

  static RunRow read(Row r) throws SQLException {
    String id = r.str("unique_id");
    String name = r.str("name");
    return new RunRow(r.str("environment"), id, name != null ? name : leafName(id),
        r.str("resource_type"), r.str("invocation_id"), r.str("job"), r.str("command"),
        r.str("status"), r.str("message"), r.dbl("execution_time"), r.str("thread_id"),
        r.instant("compile_started_at"), r.instant("compile_completed_at"),
        r.instant("execute_started_at"), r.instant("execute_completed_at"),
        r.instant("generated_at"), r.dbl("run_elapsed_time"), r.lng("rows_affected"),
        r.lng("failures"), r.json("adapter_response"), r.str("relation_name"));
  }

  private static String leafName(String uniqueId) {
    String[] parts = uniqueId.split("\\.");
    return parts.length >= 3 ? parts[2] : uniqueId;
  }
}
