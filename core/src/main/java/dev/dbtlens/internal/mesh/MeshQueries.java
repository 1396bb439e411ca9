package dev.dbtlens.internal.mesh;

import dev.dbtlens.Mesh;
import dev.dbtlens.MeshProject;
import dev.dbtlens.ProjectDependency;
import dev.dbtlens.PublicModel;
import dev.dbtlens.StorageException;
import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.internal.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads the mesh of a database from the views {@code mesh_projects}, {@code project_dependencies} and {@code public_models}. */
public final class MeshQueries {
  private MeshQueries() {}

  /** @return the mesh of the database */
  public static Mesh read(Store store) {
    try (Connection c = store.duplicate()) {
      List<ProjectDependency> deps = dependencies(c);
      List<MeshProject> projects = projects(c, deps);
      String account = Sql.first(c, "SELECT value FROM store.meta WHERE key = 'account_id'");
      return new Mesh(account == null ? Mesh.DEFAULT_ACCOUNT_ID : Long.parseLong(account), projects,
          deps, publicModels(c));
    } catch (SQLException e) {
      throw new StorageException("reading the mesh views of " + store.description(), e);
    }
  }

  private static List<ProjectDependency> dependencies(Connection c) throws SQLException {
    List<ProjectDependency> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("""
        SELECT consumer_project, consumer_project_id, producer_project, producer_project_id,
               consumer_nodes, producer_models
        FROM project_dependencies ORDER BY consumer_project_id, producer_project_id""");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new ProjectDependency(r.getString(1), r.getLong(2), r.getString(3), r.getLong(4),
            r.getLong(5), Sql.strings(r.getArray(6))));
      }
    }
    return out;
  }

  private static List<MeshProject> projects(Connection c, List<ProjectDependency> deps)
      throws SQLException {
    Map<String, List<ProjectDependency>> byProducer = deps.stream()
        .collect(Collectors.groupingBy(ProjectDependency::producerProject));
    Map<String, List<ProjectDependency>> byConsumer = deps.stream()
        .collect(Collectors.groupingBy(ProjectDependency::consumerProject));
    List<MeshProject> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("""
        SELECT dbt_project, project_id, default_environment, default_environment_id, environments,
               is_producer, is_consumer, total_nodes, total_models, public_models, sources, metrics,
               semantic_models, tests, snapshots, exposures, macros, seeds
        FROM mesh_projects ORDER BY project_id""");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        String name = r.getString(1);
        out.add(new MeshProject(name, r.getLong(2), r.getString(3), r.getLong(4),
            Sql.strings(r.getArray(5)), r.getBoolean(6), r.getBoolean(7),
            new MeshProject.Summary(r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11),
                r.getLong(12), r.getLong(13), r.getLong(14), r.getLong(15), r.getLong(16),
                r.getLong(17), r.getLong(18)),
            byProducer.getOrDefault(name, List.of()), byConsumer.getOrDefault(name, List.of())));
      }
    }
    return out;
  }

  private static List<PublicModel> publicModels(Connection c) throws SQLException {
    List<PublicModel> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("""
        WITH RECURSIVE up(environment, model, uid) AS (
          SELECT environment, unique_id, unique_id FROM public_models
          UNION
          SELECT up.environment, up.model, e.parent_id
          FROM up JOIN edges e ON e.environment = up.environment AND e.child_id = up.uid),
        ancestors AS (
          SELECT up.environment, up.model,
                 list(DISTINCT x.parent_id ORDER BY x.parent_id) AS public_ancestors
          FROM up JOIN cross_project_refs x ON x.environment = up.environment AND x.child_id = up.uid
          GROUP BY ALL)
        SELECT p.environment, p.environment_id, p.dbt_project, p.project_id, p.is_default_environment,
               p.unique_id, p.name, p.package_name, p.fqn, p."group", p.database, p.schema,
               p.identifier, p.relation_name, p.column_count, p.materialized, p.version,
               p.latest_version, p.deprecation_date, p.description, p.contract_enforced,
               p.last_run_status, p.last_run_generated_at, p.consumer_projects,
               coalesce(a.public_ancestors, []) AS public_ancestors
        FROM public_models p
        LEFT JOIN ancestors a ON a.environment = p.environment AND a.model = p.unique_id
        ORDER BY p.project_id, p.environment_id, p.unique_id""");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new PublicModel(r.getString(1), r.getLong(2), r.getString(3), r.getLong(4),
            r.getBoolean(5), r.getString(6), r.getString(7), r.getString(8),
            Sql.strings(r.getArray(9)), r.getString(10), r.getString(11), r.getString(12),
            r.getString(13), r.getString(14), r.getLong(15), r.getString(16), r.getString(17),
            r.getString(18), instant(r.getTimestamp(19)), r.getString(20), r.getBoolean(21),
            r.getString(22), instant(r.getTimestamp(23)), Sql.strings(r.getArray(24)),
            Sql.strings(r.getArray(25))));
      }
    }
    return out;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
  }
}
