package dev.dbtlens;

import java.util.List;

/**
 * The dbt Mesh of one database: its projects (a project is a dbt project name; each environment
 * belongs to the project of its latest manifest), which uses which through cross-project {@code
 * ref}s, and their public models (see {@code docs/mesh.md}).
 *
 * @param accountId the database's account id: dbtlens keeps one account per database, with the
 *     id {@code DBT_CLOUD_ACCOUNT_ID} had in the process environment or an artifact's {@code
 *     metadata.env} at the first ingest that saw one, else {@link #DEFAULT_ACCOUNT_ID}
 * @param projects the projects, by project id
 * @param dependencies which project uses which, by consumer then producer
 * @param publicModels the public models of every environment, by project id, environment id and
 *     unique id
 */
public record Mesh(long accountId, List<MeshProject> projects, List<ProjectDependency> dependencies,
    List<PublicModel> publicModels) {
  /** The account id of a database no ingest saw {@code DBT_CLOUD_ACCOUNT_ID} for. */
  public static final long DEFAULT_ACCOUNT_ID = 1;

  /** Copies the lists. */
  public Mesh {
    projects = List.copyOf(projects);
    dependencies = List.copyOf(dependencies);
    publicModels = List.copyOf(publicModels);
  }
}
