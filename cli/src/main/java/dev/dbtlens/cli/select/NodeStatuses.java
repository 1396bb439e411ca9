package dev.dbtlens.cli.select;

import dev.dbtlens.DbtLens;
import dev.dbtlens.NodeId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each node's latest run status, read from the public {@code run_results} view (docs/sql.md):
 * results of commands that build or test (not {@code compile}, {@code docs generate}, {@code show}),
 * up to an invocation if one is given.
 */
final class NodeStatuses {
  private NodeStatuses() {}

  /**
   * @param asOf an invocation id or unique prefix (already checked by the lineage), or null for the latest
   * @return the latest status of each of {@code ids} that has one
   */
  static Map<NodeId, String> latest(DbtLens lens, String environment, String asOf, List<NodeId> ids) throws SQLException {
    Set<String> wanted = new HashSet<>();
    ids.forEach(id -> wanted.add(id.value()));
    Map<NodeId, String> out = new HashMap<>();
    if (wanted.isEmpty()) {
      return out;
    }
    String sql = """
        SELECT unique_id, status FROM run_results
        WHERE environment = ? AND coalesce(command, '') NOT IN ('compile', 'docs generate', 'show')
          AND (CAST(? AS VARCHAR) IS NULL OR generated_at <= (SELECT max(generated_at) FROM invocations
                                             WHERE environment = ? AND starts_with(invocation_id, CAST(? AS VARCHAR))))
        QUALIFY row_number() OVER (PARTITION BY unique_id ORDER BY generated_at DESC, result_index DESC) = 1""";
    try (Connection c = lens.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, environment);
      s.setString(2, asOf);
      s.setString(3, environment);
      s.setString(4, asOf);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (wanted.contains(r.getString(1))) {
            out.put(NodeId.of(r.getString(1)), r.getString(2));
          }
        }
      }
    }
    return out;
  }
}
