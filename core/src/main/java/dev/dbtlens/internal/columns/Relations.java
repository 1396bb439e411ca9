package dev.dbtlens.internal.columns;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the relation names compiled SQL uses back to dbt nodes, and knows each node's columns.
 * Names are compared without quotes and case-insensitively (dbt quotes per adapter: {@code
 * "db"."schema"."t"} on Postgres and Snowflake, {@code `project`.`dataset`.`t`} on BigQuery;
 * Snowflake folds unquoted names to upper case, Postgres to lower case), by their full name first,
 * then by the last two parts, then by the last part, each only while unambiguous.
 */
public final class Relations {
  private final Map<String, List<String>> byName = new HashMap<>();
  private final Map<String, NodeColumns> columns = new HashMap<>();
  private final Map<String, String> names = new HashMap<>(); // one copy of each column name

  /** A node's columns and whether they are the whole list (a catalog, a parsed model). */
  public record NodeColumns(List<String> names, boolean complete) {}

  /**
   * @param uniqueId the node
   * @param relationName its relation name as the manifest gives it, or one built from database,
   *     schema and alias (identifier for sources)
   */
  public void addRelation(String uniqueId, String relationName) {
    if (relationName == null || relationName.isBlank()) {
      return;
    }
    String[] parts = split(relationName);
    for (int k = parts.length; k >= 1; k--) {
      String key = String.join(".", java.util.Arrays.copyOfRange(parts, parts.length - k, parts.length));
      List<String> ids = byName.computeIfAbsent(key, x -> new java.util.ArrayList<>(1));
      if (!ids.contains(uniqueId)) {
        ids.add(uniqueId);
      }
    }
  }

  /** Sets (or replaces) a node's columns; lower-cased. */
  public void setColumns(String uniqueId, List<String> names, boolean complete) {
    columns.put(uniqueId, new NodeColumns(
        names.stream().map(n -> this.names.computeIfAbsent(n.toLowerCase(Locale.ROOT), k -> k)).distinct().toList(),
        complete));
  }

  /** @return the node's columns, or null when none are known */
  public NodeColumns columns(String uniqueId) {
    return columns.get(uniqueId);
  }

  /**
   * @param relationName a relation name as the SQL writes it
   * @param parents the node's {@code depends_on} nodes: preferred when several nodes share a
   *     relation (a seed and a source over the same table)
   * @return the node a relation name refers to, or null
   */
  public String lookup(String relationName, java.util.Collection<String> parents) {
    String[] parts = split(relationName);
    for (int k = parts.length; k >= 1; k--) {
      String key = String.join(".", java.util.Arrays.copyOfRange(parts, parts.length - k, parts.length));
      List<String> ids = byName.get(key);
      if (ids == null) {
        continue;
      }
      if (ids.size() == 1) {
        return ids.get(0);
      }
      List<String> among = ids.stream().filter(parents::contains).toList();
      return among.size() == 1 ? among.get(0) : null;
    }
    return null;
  }

  /** Unquoted, lower-cased name parts. */
  static String[] split(String name) {
    String s = name.replace("\"", "").replace("`", "").replace("[", "").replace("]", "")
        .trim().toLowerCase(Locale.ROOT);
    return s.split("\\.");
  }

  /** Builds {@code database.schema.alias} when a manifest has no relation name. */
  public static String relationName(String database, String schema, String alias) {
    if (alias == null || alias.isBlank()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    if (database != null && !database.isBlank()) {
      b.append(database).append('.');
    }
    if (schema != null && !schema.isBlank()) {
      b.append(schema).append('.');
    }
    return b.append(alias).toString();
  }
}
