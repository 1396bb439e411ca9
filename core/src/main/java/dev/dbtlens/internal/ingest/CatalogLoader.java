package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.internal.store.TableWriter;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * Streams catalog.json: each table or view is stored once by content; the catalog itself is a
 * snapshot of (unique_id, entry) pairs, so an unchanged catalog adds no rows.
 */
final class CatalogLoader {
  /**
   * @param snapshotId the catalog's snapshot
   * @param entries entries in the file
   * @param entriesAdded entries new to the database
   */
  record Result(String snapshotId, long entries, long entriesAdded) {}

  private final DuckDBConnection conn;
  private final Reading reading;
  private final Hashing.SetHash content = new Hashing.SetHash();
  private final Set<String> seen = new HashSet<>();

  CatalogLoader(DuckDBConnection conn, Reading reading) {
    this.conn = conn;
    this.reading = reading;
  }

  Result load(JsonParser p) throws IOException, SQLException {
    Sql.update(conn, "DELETE FROM store.stage_member; DELETE FROM store.stage_catalog_entry;"
        + " DELETE FROM store.stage_catalog_column");
    try (TableWriter members = new TableWriter(conn, "stage_member");
        TableWriter entries = new TableWriter(conn, "stage_catalog_entry");
        TableWriter columns = new TableWriter(conn, "stage_catalog_column")) {
      Parsing.expectRootObject(p, reading);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        reading.member(field);
        p.nextToken();
        if ((field.equals("nodes") || field.equals("sources")) && p.currentToken() != JsonToken.VALUE_NULL) {
          Parsing.expectObject(p, reading);
          group(p, field, members, entries, columns);
        } else {
          p.skipChildren();
        }
      }
      members.finish();
      entries.finish();
      columns.finish();
    }
    String snapshotId = "c" + content.value();
    if (!Sql.exists(conn, "SELECT 1 FROM store.snapshot WHERE snapshot_id = ?", snapshotId)) {
      Sql.update(conn, "INSERT INTO store.snapshot_member SELECT ?, unique_id, def_hash, NULL, NULL, NULL"
          + " FROM store.stage_member", snapshotId);
      Sql.update(conn, "INSERT INTO store.snapshot VALUES (?, 'catalog', ?, 0)", snapshotId, content.count());
    }
    Sql.update(conn, "INSERT INTO store.catalog_column SELECT * FROM store.stage_catalog_column"
        + " WHERE entry_hash NOT IN (SELECT entry_hash FROM store.catalog_entry)");
    long added = Sql.update(conn, "INSERT INTO store.catalog_entry SELECT * FROM store.stage_catalog_entry"
        + " WHERE entry_hash NOT IN (SELECT entry_hash FROM store.catalog_entry)");
    Sql.update(conn, "DELETE FROM store.stage_member; DELETE FROM store.stage_catalog_entry;"
        + " DELETE FROM store.stage_catalog_column");
    return new Result(snapshotId, content.count(), added);
  }

  private void group(JsonParser p, String group, TableWriter members, TableWriter entries,
      TableWriter columns) throws IOException {
    String kind = group.equals("nodes") ? "node" : "source";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      Parsing.expectObject(p, reading);
      ObjectNode entry = p.readValueAsTree();
      String path = "$." + group + "['" + key + "']";
      JsonNode id = entry.get("unique_id");
      String uniqueId = id != null && id.isTextual() ? id.textValue() : key;
      String hash = Hashing.hex128(Hashing.sha256().digest(
          (kind + "\u0000" + uniqueId + "\u0000" + Json.text(entry)).getBytes(StandardCharsets.UTF_8)));
      content.add(uniqueId, hash);
      members.begin().str(uniqueId).str(hash).str(null).lng(null).lng(null).end();
      if (seen.add(hash)) {
        writeEntry(entry, path, uniqueId, hash, kind, entries, columns);
      }
    }
  }

  private void writeEntry(ObjectNode entry, String path, String uniqueId, String hash, String kind,
      TableWriter entries, TableWriter columns) {
    JsonNode meta = entry.path("metadata");
    JsonNode stats = reading.optionalObject(entry, "stats", path);
    entries.begin()
        .str(hash)
        .str(uniqueId)
        .str(kind)
        .str(Json.scalar(meta.get("database")))
        .str(Json.scalar(meta.get("schema")))
        .str(Json.scalar(meta.get("name")))
        .str(Json.scalar(meta.get("type")))
        .str(Json.scalar(meta.get("comment")))
        .str(Json.scalar(meta.get("owner")))
        .num(stat(stats, "row_count", "num_rows"))
        .num(stat(stats, "bytes", "num_bytes"))
        .str(Json.isEmpty(stats) ? null : Json.text(stats))
        .end();
    JsonNode cols = reading.optionalObject(entry, "columns", path);
    if (cols == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> c : cols.properties()) {
      JsonNode col = c.getValue();
      JsonNode index = col.get("index");
      columns.begin()
          .str(hash)
          .str(col.hasNonNull("name") ? Json.scalar(col.get("name")) : c.getKey())
          .integer(index != null && index.isNumber() ? index.intValue() : null)
          .str(Json.scalar(col.get("type")))
          .str(Json.scalar(col.get("comment")))
          .end();
    }
  }

  private static Double stat(JsonNode stats, String... ids) {
    if (stats == null) {
      return null;
    }
    for (String id : ids) {
      JsonNode v = stats.path(id).get("value");
      if (v != null && v.isNumber()) {
        return v.doubleValue();
      }
      if (v != null && v.isTextual()) {
        try {
          return Double.valueOf(v.textValue());
        } catch (NumberFormatException e) {
          // not numeric: leave it in the stats JSON only
        }
      }
    }
    return null;
  }
}
