package dev.dbtlens.internal.columns;

import java.util.ArrayList;
import java.util.Arrays;
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
  /** By a relation's last name part: the node, or a list of the nodes sharing it. */
  private final Map<String, Object> byLastPart = new HashMap<>();
  /** Each node's relation name, unquoted and lower-cased. */
  private final Map<String, String> relations = new HashMap<>();
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
    relations.put(uniqueId, String.join(".", parts));
    byLastPart.merge(parts[parts.length - 1], uniqueId, (had, id) -> {
      List<String> ids = had instanceof String one ? new ArrayList<>(List.of(one)) : cast(had);
      if (!ids.contains(uniqueId)) {
        ids.add(uniqueId);
      }
      return ids;
    });
  }

  @SuppressWarnings("unchecked")
  private static List<String> cast(Object ids) {
    return (List<String>) ids;
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
    Object found = byLastPart.get(parts[parts.length - 1]);
    if (found == null) {
      return null;
    }
    List<String> candidates = found instanceof String one ? List.of(one) : cast(found);
    for (int k = parts.length; k >= 1; k--) {
      String suffix = String.join(".", Arrays.copyOfRange(parts, parts.length - k, parts.length));
      List<String> ids = new ArrayList<>(1);
      for (String id : candidates) {
        String rel = relations.get(id);
        if (rel.equals(suffix) || rel.endsWith("." + suffix)) {
          ids.add(id);
        }
      }
      if (ids.isEmpty()) {
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
