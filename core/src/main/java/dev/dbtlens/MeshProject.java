package dev.dbtlens;

import java.util.List;

/**
 * One dbt project of the database.
 *
 * @param dbtProject the dbt project name (the manifest's {@code metadata.project_name}, else the
 *     package with most models)
 * @param projectId the smallest environment id among its environments
 * @param defaultEnvironment the environment whose id is the project id
 * @param defaultEnvironmentId its id
 * @param environments its environments, by id
 * @param producer whether another project of the database refers to one of its models
 * @param consumer whether it refers to a model of another project of the database
 * @param summary what the default environment's latest manifest defines in the project's package
 * @param dependentProjects the projects that refer to its models (it is their producer)
 * @param upstreamProjects the projects whose models it refers to (it is their consumer)
 */
public record MeshProject(String dbtProject, long projectId, String defaultEnvironment,
    long defaultEnvironmentId, List<String> environments, boolean producer, boolean consumer,
    Summary summary, List<ProjectDependency> dependentProjects,
    List<ProjectDependency> upstreamProjects) {
  /** Copies the lists. */
  public MeshProject {
    environments = List.copyOf(environments);
    dependentProjects = List.copyOf(dependentProjects);
    upstreamProjects = List.copyOf(upstreamProjects);
  }

  /**
   * Counts of the resources of the project's own package (installed packages and other projects'
   * models are not counted).
   *
   * @param totalNodes every resource below, macros included
   * @param totalModels models
   * @param publicModels models with {@code access: public}
   * @param sources sources
   * @param metrics metrics
   * @param semanticModels semantic models
   * @param tests data and unit tests
   * @param snapshots snapshots
   * @param exposures exposures
   * @param macros macros
   * @param seeds seeds
   */
  public record Summary(long totalNodes, long totalModels, long publicModels, long sources,
      long metrics, long semanticModels, long tests, long snapshots, long exposures, long macros,
      long seeds) {}
}
