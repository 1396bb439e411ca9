package dev.dbtlens.internal.select;

import dev.dbtlens.InvocationNotFoundException;
import dev.dbtlens.StorageException;
import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.internal.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Invocation ids as users give them: whole, or a prefix that names one invocation of the
 * environment (as git takes commit prefixes).
 */
final class Invocations {
  /** How many candidates a message lists. */
  private static final int SHOWN = 5;

  private Invocations() {}

  /**
   * @param idOrPrefix an invocation id, or a prefix of exactly one in the environment
   * @return the full invocation id
   * @throws InvocationNotFoundException if none or several match
   */
  static String resolve(Store store, String environment, String idOrPrefix) {
    List<String> matches = ids(store, """
        SELECT DISTINCT invocation_id FROM store.artifact
        WHERE environment = ? AND starts_with(invocation_id, ?) ORDER BY invocation_id""", environment, idOrPrefix);
    if (matches.contains(idOrPrefix) || (matches.size() == 1 && !idOrPrefix.isEmpty())) {
      return matches.contains(idOrPrefix) ? idOrPrefix : matches.get(0);
    }
    if (matches.size() > 1) {
      throw new InvocationNotFoundException("Invocation prefix '" + Texts.cut(idOrPrefix) + "' matches "
          + matches.size() + " invocations in environment '" + environment + "': "
          + Texts.names(matches) + ". Give more of the id.", matches);
    }
    List<String> latest = latest(store, environment, null);
    throw new InvocationNotFoundException("Invocation '" + Texts.cut(idOrPrefix) + "' not found in environment '"
        + environment + "'" + (latest.isEmpty() ? "." : " (latest: " + String.join(", ", latest) + ")."), latest);
  }

  /**
   * @param kind the artifact kind the selection needs: {@code manifest}, {@code run_results}, {@code sources}
   * @param method what needs it, e.g. {@code result:}
   * @throws InvocationNotFoundException if the invocation has no artifact of that kind
   */
  static void requireArtifact(Store store, String environment, String invocationId, String kind, String method) {
    boolean has = !ids(store, "SELECT invocation_id FROM store.artifact WHERE environment = ? AND invocation_id = ?"
        + " AND kind = ? LIMIT 1", environment, invocationId, kind).isEmpty();
    if (has) {
      return;
    }
    List<String> latest = latest(store, environment, kind);
    throw new InvocationNotFoundException("Invocation '" + invocationId + "' has no " + kind + ".json in environment '"
        + environment + "', which " + method + " needs" + (latest.isEmpty() ? "; the environment has none."
        : " (latest with one: " + String.join(", ", latest) + ")."), latest);
  }

  /** @return the environment's latest invocations (of one artifact kind, or any), newest last */
  private static List<String> latest(Store store, String environment, String kind) {
    String sql = """
        SELECT invocation_id FROM store.artifact WHERE environment = ? AND kind LIKE ?
        GROUP BY invocation_id ORDER BY max(generated_at) DESC, invocation_id DESC LIMIT %d""".formatted(SHOWN);
    List<String> newestFirst = ids(store, sql, environment, kind == null ? "%" : kind);
    List<String> out = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(out);
    return out;
  }

  private static List<String> ids(Store store, String sql, Object... params) {
    List<String> out = new ArrayList<>();
    try (Connection c = store.duplicate(); PreparedStatement s = c.prepareStatement(sql)) {
      Sql.bind(s, params);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new StorageException("finding invocations of environment " + environment(params), e);
    }
    return out;
  }

  private static Object environment(Object[] params) {
    return params.length > 0 ? params[0] : "?";
  }
}
