package dev.dbtlens.graphql.internal.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.graphql.internal.execution.Row;
import dev.dbtlens.graphql.internal.scalars.Json;
import dev.dbtlens.graphql.internal.scalars.JsonText;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A node's last known catalog entry; components are the GraphQL fields of {@code CatalogNode}. */
public record CatalogNode(String environment, String uniqueId, String database, String schema, String name, String type, String comment,
    String owner, List<Column> columns, List<Stat> stats, Long bytesStat, Long rowCountStat,
    Instant catalogGeneratedAt) {

  public CatalogNode {
    columns = List.copyOf(columns);
    stats = List.copyOf(stats);
  }

  /**
   * A column as the warehouse describes it, with its YAML description, tags and meta; {@code
   * environment} and {@code nodeUniqueId} say whose it is (for column lineage, columns.graphqls).
   */
  public record Column(String name, Integer index, String type, String comment, String description,
      List<String> tags, JsonText meta, String environment, String nodeUniqueId) {}

  /** One entry of the catalog's {@code stats}. */
  record Stat(String id, String label, String description, Boolean include, Object value) {}

  static Builder builder(Row r, String environment) throws SQLException {
    return new Builder(r, environment);
  }

  /** {@code runGeneratedAt}: the catalog's generated_at. */
  public Instant runGeneratedAt() {
    return catalogGeneratedAt;
  }

  /** Collects the rows of one entry (one per column). */
  static final class Builder {
    private final String environment;
    private final String uniqueId;
    private final String database;
    private final String schema;
    private final String name;
    private final String type;
    private final String comment;
    private final String owner;
    private final Double rowCount;
    private final Double bytes;
    private final String stats;
    private final Instant generatedAt;
    private final List<Column> columns = new ArrayList<>();

    private Builder(Row r, String environment) throws SQLException {
      this.environment = environment;
      uniqueId = r.str("unique_id");
      database = r.str("database");
      schema = r.str("schema");
      name = r.str("name");
      type = r.str("table_type");
      comment = r.str("comment");
      owner = r.str("owner");
      rowCount = r.dbl("row_count");
      bytes = r.dbl("bytes");
      stats = r.str("stats");
      generatedAt = r.instant("catalog_generated_at");
    }

    void addColumn(Row r) throws SQLException {
      if (r.str("column_name") != null) {
        columns.add(new Column(r.str("column_name"), r.integer("column_index"), r.str("data_type"),
            r.str("column_comment"), r.str("column_description"), r.strings("column_tags"),
            r.json("column_meta"), environment, uniqueId));
      }
    }

    CatalogNode build() {
      return new CatalogNode(environment, uniqueId, database, schema, name, type, comment, owner, columns, stats(stats),
          bytes == null ? null : bytes.longValue(), rowCount == null ? null : rowCount.longValue(),
          generatedAt);
    }
  }

  private static List<Stat> stats(String json) {
    List<Stat> out = new ArrayList<>();
    JsonNode tree = Json.tree(json);
    if (tree == null || !tree.isObject()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : tree.properties()) {
      JsonNode s = e.getValue();
      out.add(new Stat(s.path("id").asText(e.getKey()), text(s, "label"), text(s, "description"),
          s.has("include") ? s.get("include").asBoolean() : null, Json.plain(s.get("value"))));
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
