package dev.dbtlens.graphql.internal.run;

import dev.dbtlens.graphql.internal.execution.Row;
import dev.dbtlens.graphql.internal.scalars.JsonText;
import java.sql.SQLException;
import java.time.Instant;

/**
 * One stored source freshness result: the GraphQL {@code SourceFreshnessRunNode}.
 */
public record FreshnessRun(
    String environmentId,
    String uniqueId,
    String name,
    String sourceName,
    String runId,
    String jobId,
    String status,
    Instant maxLoadedAt,
    Instant snapshottedAt,
    Double maxLoadedAtTimeAgoInS,
    Criteria criteria,
    String error,
    Double executionTime,
    String threadId,
    JsonText adapterResponse,
    Instant runGeneratedAt) {

  /** @return dbt's status as the Discovery API's {@code FreshnessStatus} */
  public String freshnessStatus() {
    return status(status);
  }

  public static String status(String dbtStatus) {
    if (dbtStatus == null) {
      return "Unknown";
    }
    return switch (dbtStatus) {
      case "pass" -> "Pass";
      case "warn" -> "Warn";
      case "error", "runtime error" -> "Error";
      case "skipped" -> "Skipped";
      default -> "Unknown";
    };
  }

  public static FreshnessRun read(Row r) throws SQLException {
    Criteria criteria = Criteria.of(
        Criteria.Threshold.of(r.integer("warn_after_count"), r.str("warn_after_period")),
        Criteria.Threshold.of(r.integer("error_after_count"), r.str("error_after_period")),
        r.str("filter"));
    String id = r.str("unique_id");
    return new FreshnessRun(r.str("environment"), id, r.str("name"), r.str("source_name"),
        r.str("invocation_id"), r.str("job"), r.str("status"), r.instant("max_loaded_at"),
        r.instant("snapshotted_at"), r.dbl("max_loaded_at_time_ago_in_s"), criteria,
        r.str("error"), r.dbl("execution_time"), r.str("thread_id"), r.json("adapter_response"),
        r.instant("generated_at"));
  }
}
