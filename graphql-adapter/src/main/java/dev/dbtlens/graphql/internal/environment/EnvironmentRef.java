package dev.dbtlens.graphql.internal.environment;

import dev.dbtlens.graphql.internal.execution.Row;
import graphql.schema.DataFetchingEnvironment;
import java.sql.SQLException;
import java.time.Instant;

/**
 * An environment: the source of {@code Environment}, and through {@link Applied} and {@link
 * Definition} of its two states. {@code name} is the name given at ingest, {@code id} its number
 * ({@link Ids}). {@code liveRuns}: whether a run of it is known from its structured log without
 * its run_results (in progress, or crashed: docs/live.md).
 */
public record EnvironmentRef(String name, long id, String dbtProjectName, String adapterType,
    String dbtVersion, Instant lastUpdatedAt, String manifestRunId, Instant manifestGeneratedAt,
    boolean liveRuns) {

  /** Either state of an environment. */
  public interface State {
    EnvironmentRef environment();
  }

  /** The applied state of the environment. */
  record Applied(EnvironmentRef environment) implements State {}

  /** The definition state of the environment. */
  record Definition(EnvironmentRef environment) implements State {}

  public Applied applied() {
    return new Applied(this);
  }

  public Definition definition() {
    return new Definition(this);
  }

  /** @return the environment of the field's source: an {@code AppliedState} or {@code DefinitionState} */
  public static EnvironmentRef ofState(DataFetchingEnvironment env) {
    State state = env.getSource();
    return state.environment();
  }

  static EnvironmentRef read(Row r) throws SQLException {
    return new EnvironmentRef(r.str("environment"), r.lng("environment_id"), r.str("project_name"),
        r.str("adapter_type"), r.str("dbt_version"), r.instant("last_generated_at"),
        r.str("manifest_invocation_id"), r.instant("manifest_generated_at"), r.bool("live_runs"));
  }
}
