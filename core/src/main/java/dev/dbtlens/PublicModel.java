package dev.dbtlens;

import java.time.Instant;
import java.util.List;

/**
 * A model with {@code access: public} in an environment's latest manifest.
 *
 * @param environment the environment
 * @param environmentId its id
 * @param dbtProject its project
 * @param projectId the project's id
 * @param defaultEnvironment whether the environment is the project's default one
 * @param uniqueId the model's unique id
 * @param name its name
 * @param packageName its package (the project)
 * @param fqn its fully qualified name
 * @param group its group, or null
 * @param database its database
 * @param schema its schema
 * @param identifier its alias
 * @param relationName its relation name, or null
 * @param columnCount the columns its YAML declares
 * @param materialized its materialization
 * @param version its version, or null
 * @param latestVersion its latest version, or null
 * @param deprecationDate its {@code deprecation_date}, or null
 * @param description its description
 * @param contractEnforced whether its contract is enforced
 * @param lastRunStatus the status of its latest build in the environment, or null
 * @param lastRunGeneratedAt when that build's run_results was written, or null
 * @param consumerProjects the other projects that refer to it
 * @param publicAncestors the other projects' models it depends on, directly or through models of
 *     its own project
 */
public record PublicModel(String environment, long environmentId, String dbtProject, long projectId,
    boolean defaultEnvironment, String uniqueId, String name, String packageName, List<String> fqn,
    String group, String database, String schema, String identifier, String relationName,
    long columnCount, String materialized, String version, String latestVersion,
    Instant deprecationDate, String description, boolean contractEnforced, String lastRunStatus,
    Instant lastRunGeneratedAt, List<String> consumerProjects, List<String> publicAncestors) {
  /** Copies the lists. */
  public PublicModel {
    fqn = fqn == null ? List.of() : List.copyOf(fqn);
    consumerProjects = List.copyOf(consumerProjects);
    publicAncestors = List.copyOf(publicAncestors);
  }
}
