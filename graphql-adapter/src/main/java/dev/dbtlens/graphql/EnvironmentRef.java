package dev.dbtlens.graphql;

import java.sql.SQLException;
import java.time.Instant;

/**
 * An environment: the source of {@code Environment}, and through {@link Applied} and {@link
 * Definition} of its two states. {@code name} is the name given at ingest, {@code id} its number
 * ({@link Ids}).
 */
record EnvironmentRef(String name, long id, String dbtProjectName, String adapterType,
    String dbtVersion, Instant lastUpdatedAt, String manifestRunId, Instant manifestGeneratedAt) {

  /** Either state of an environment. */
  interface State {
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

  static EnvironmentRef read(Row r) throws SQLException {
    return new EnvironmentRef(r.str("environment"), r.lng("environment_id"), r.str("project_name"),
        r.str("adapter_type"), r.str("dbt_version"), r.instant("last_generated_at"),
        r.str("manifest_invocation_id"), r.instant("manifest_generated_at"));
  }
}
