package dev.dbtlens.internal.columns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.ColumnRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which columns of an environment's current manifest are (part of) their node's primary key. The
 * rule (docs/column-lineage.md): a column is a primary key column when
 * <ul>
 *   <li>it has both a {@code unique} and a {@code not_null} generic test (dbt's own, no namespace), or
 *   <li>a test named {@code primary_key} (dbt_constraints) names it ({@code column_name} or {@code column_names}), or
 *   <li>a {@code primary_key} constraint names it (a column constraint, or a model constraint's {@code columns}), or
 *   <li>a model's {@code unique_key} or {@code primary_key} config names it (a name or a list of names;
 *       expressions such as {@code a || b} do not count, and neither does a snapshot's {@code unique_key},
 *       which a snapshot table repeats once per version).
 * </ul>
 * Column names are unquoted and lower-cased.
 */
final class PrimaryKeys {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  private PrimaryKeys() {}

  static void load(Connection c, String environment, Set<ColumnRef> out) throws SQLException {
    Map<ColumnRef, int[]> tested = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("""
        SELECT d.test_metadata->>'name', d.test_metadata->>'namespace',
               coalesce(d.column_name, d.test_metadata->'kwargs'->>'column_name'),
               CAST(d.test_metadata->'kwargs'->'column_names' AS VARCHAR),
               coalesce(d.attached_node, CASE WHEN len(d.depends_on_nodes) = 1 THEN d.depends_on_nodes[1] END)
        FROM store.current_node cn JOIN store.node_def d ON d.def_hash = cn.def_hash
        WHERE cn.environment = ? AND d.resource_type = 'test'
          AND d.test_metadata->>'name' IN ('unique', 'not_null', 'primary_key')""")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String name = r.getString(1);
          String namespace = r.getString(2);
          String node = r.getString(5);
          if (node == null) {
            continue;
          }
          if ("primary_key".equals(name)) {
            for (String col : names(r.getString(4))) {
              out.add(new ColumnRef(node, col));
            }
            String col = name(r.getString(3));
            if (col != null) {
              out.add(new ColumnRef(node, col));
            }
          } else if (namespace == null || "dbt".equals(namespace)) {
            String col = name(r.getString(3));
            if (col != null) {
              tested.computeIfAbsent(new ColumnRef(node, col), k -> new int[2])["unique".equals(name) ? 0 : 1] = 1;
            }
          }
        }
      }
    }
    tested.forEach((col, f) -> {
      if (f[0] == 1 && f[1] == 1) {
        out.add(col);
      }
    });
    try (PreparedStatement s = c.prepareStatement("""
        SELECT d.unique_id, d.resource_type, CAST(d.constraints AS VARCHAR),
               CAST(d.config->'unique_key' AS VARCHAR), CAST(d.config->'primary_key' AS VARCHAR)
        FROM store.current_node cn JOIN store.node_def d ON d.def_hash = cn.def_hash
        WHERE cn.environment = ? AND d.resource_type IN ('model', 'seed', 'snapshot', 'source')
          AND (d.constraints IS NOT NULL OR (d.config->'unique_key') IS NOT NULL
               OR (d.config->'primary_key') IS NOT NULL)""")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String node = r.getString(1);
          for (JsonNode k : array(r.getString(3))) {
            if ("primary_key".equals(k.path("type").asText()) && k.has("columns")) {
              for (JsonNode col : k.get("columns")) {
                add(out, node, col.asText());
              }
            }
          }
          if ("model".equals(r.getString(2))) {
            for (String col : names(r.getString(4))) {
              out.add(new ColumnRef(node, col));
            }
          }
          for (String col : names(r.getString(5))) {
            out.add(new ColumnRef(node, col));
          }
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("""
        SELECT cn.unique_id, c.column_name, CAST(c.constraints AS VARCHAR)
        FROM store.current_node cn JOIN store.def_column c ON c.def_hash = cn.def_hash
        WHERE cn.environment = ? AND c.constraints IS NOT NULL""")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          for (JsonNode k : array(r.getString(3))) {
            if ("primary_key".equals(k.path("type").asText())) {
              add(out, r.getString(1), r.getString(2));
            }
          }
        }
      }
    }
  }

  private static void add(Set<ColumnRef> out, String node, String column) {
    String col = name(column);
    if (col != null) {
      out.add(new ColumnRef(node, col));
    }
  }

  /** @return the plain names of a JSON string or list of strings; expressions are left out */
  private static List<String> names(String json) {
    if (json == null) {
      return List.of();
    }
    JsonNode n = parse(json);
    if (n == null) {
      return List.of();
    }
    if (n.isTextual()) {
      String col = name(n.asText());
      return col == null ? List.of() : List.of(col);
    }
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    if (n.isArray()) {
      for (JsonNode e : n) {
        String col = e.isTextual() ? name(e.asText()) : null;
        if (col != null) {
          out.add(col);
        }
      }
    }
    return out;
  }

  private static Iterable<JsonNode> array(String json) {
    JsonNode n = json == null ? null : parse(json);
    return n != null && n.isArray() ? n : List.of();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** @return a column name unquoted and lower-cased, or null when it is an expression */
  static String name(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    if (t.length() >= 2 && (t.charAt(0) == '"' && t.endsWith("\"") || t.charAt(0) == '`' && t.endsWith("`")
        || t.charAt(0) == '[' && t.endsWith("]"))) {
      t = t.substring(1, t.length() - 1);
    }
    return NAME.matcher(t).matches() ? t.toLowerCase(Locale.ROOT) : null;
  }
}
