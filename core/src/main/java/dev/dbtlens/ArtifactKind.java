package dev.dbtlens;

import java.util.Locale;

/** The dbt artifact files dbtlens reads. */
public enum ArtifactKind {
  /** {@code manifest.json}: the project's definition. */
  MANIFEST("manifest"),
  /** {@code run_results.json}: what each node did in one invocation. */
  RUN_RESULTS("run-results"),
  /** {@code sources.json}: source freshness results. */
  SOURCES("sources"),
  /** {@code catalog.json}: warehouse columns and stats. */
  CATALOG("catalog"),
  /** {@code semantic_manifest.json}: semantic models, metrics and saved queries (unversioned). */
  SEMANTIC_MANIFEST("semantic_manifest");

  private final String schemaName;

  ArtifactKind(String schemaName) {
    this.schemaName = schemaName;
  }

  /** @return the name dbt uses in {@code dbt_schema_version} URLs, e.g. {@code run-results} */
  public String schemaName() {
    return schemaName;
  }

  /** @return the lower-case name used in the SQL interface, e.g. {@code run_results} */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
