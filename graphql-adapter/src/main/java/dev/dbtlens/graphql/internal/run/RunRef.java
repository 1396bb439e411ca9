package dev.dbtlens.graphql.internal.run;

import dev.dbtlens.graphql.internal.execution.Row;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** One invocation: the source of the GraphQL {@code Run} and {@code Job}. */
public record RunRef(String environmentId, String runId, String jobId, String command, String dbtVersion,
    Instant generatedAt, Double elapsedTime, List<String> artifacts) {

  public RunRef {
    artifacts = List.copyOf(artifacts);
  }

  /** The job's {@code id}: its label. */
  public String id() {
    return jobId != null ? jobId : runId;
  }

  static RunRef read(Row r) throws SQLException {
    return new RunRef(r.str("environment"), r.str("invocation_id"), r.str("job"), r.str("command"),
        r.str("dbt_version"), r.instant("generated_at"), r.dbl("elapsed_time"),
        r.strings("artifacts"));
  }
}
