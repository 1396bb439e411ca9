package dev.dbtlens.graphql.internal.environment;

import dev.dbtlens.Mesh;
import dev.dbtlens.StorageException;
import dev.dbtlens.graphql.internal.execution.Request;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The Discovery API's {@code accountId} and {@code projectId} as dbtlens gives them (docs/mesh.md):
 * the database's account id ({@code dbtlens_info.account_id}) and the id of each environment's dbt
 * project ({@code mesh_environments.project_id}). Read once, with no other part of the mesh.
 */
public final class AccountIds {
  private AccountIds() {}

  /** The account id and the project id of each environment. */
  private record Read(long account, Map<String, Long> projects) {}

  private static final Request.Memo<Read> IDS = new Request.Memo<>(AccountIds::read);

  /**
   * @param request the execution
   * @return the database's account id
   */
  public static long accountId(Request request) {
    return request.memo(IDS).account();
  }

  /**
   * @param request the execution
   * @param environment an environment's name
   * @return the id of its dbt project, or null when it has no manifest
   */
  public static Long projectId(Request request, String environment) {
    return request.memo(IDS).projects().get(environment);
  }

  /**
   * @return {@link #projectId}, or 0 when the environment has no manifest (the contract's fields
   *     are a non-null {@code BigInt!})
   */
  public static long projectIdOrZero(Request request, String environment) {
    Long id = projectId(request, environment);
    return id == null ? 0 : id;
  }

  private static Read read(Request request) {
    try (Connection c = request.lens().connection(); Statement s = c.createStatement()) {
      long account = Mesh.DEFAULT_ACCOUNT_ID;
      try (ResultSet r = s.executeQuery("SELECT value FROM dbtlens_info WHERE key = 'account_id'")) {
        if (r.next()) {
          account = Long.parseLong(r.getString(1));
        }
      }
      Map<String, Long> projects = new HashMap<>();
      try (ResultSet r = s.executeQuery("SELECT environment, project_id FROM mesh_environments")) {
        while (r.next()) {
          projects.put(r.getString(1), r.getLong(2));
        }
      }
      return new Read(account, projects);
    } catch (SQLException e) {
      throw new StorageException("reading the account and project ids", e);
    }
  }
}
