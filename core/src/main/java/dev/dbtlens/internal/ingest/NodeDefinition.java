package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import dev.dbtlens.internal.store.RowSink;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One manifest entry (node, source, exposure, metric, macro, ...) read tolerantly across manifest
 * v1-v12, for its row in {@code node_def}: fields are read from the {@link ManifestEntry} it was
 * streamed into, which parses only those read.
 */
final class NodeDefinition {
  private final ManifestEntry node;
  private final String uniqueId;
  private final String defHash;

  /**
   * @param entry the entry just read
   * @param uniqueId its unique id (its key when it names none)
   * @param defHash its content hash
   */
  NodeDefinition(ManifestEntry entry, String uniqueId, String defHash) {
    this.node = entry;
    this.uniqueId = uniqueId;
    this.defHash = defHash;
  }

  String uniqueId() {
    return uniqueId;
  }

  String defHash() {
    return defHash;
  }

  String resourceType() {
    String t = Json.scalar(node.get("resource_type"));
    if (t != null) {
      return t;
    }
    int dot = uniqueId.indexOf('.');
    return dot > 0 ? uniqueId.substring(0, dot) : "unknown";
  }

  /** Appends the definition's row to {@code stage_def} (column order of {@code store.node_def}). */
  void writeDef(RowSink w) {
    JsonNode config = node.path("config");
    boolean topMeta = !Json.isEmpty(node.get("meta"));
    JsonNode meta = topMeta ? node.get("meta") : config.get("meta");
    w.begin()
        .str(defHash)
        .str(uniqueId)
        .str(resourceType())
        .str(Json.scalar(node.get("name")))
        .str(Json.scalar(node.get("package_name")))
        .str(Json.scalar(node.get("database")))
        .str(Json.scalar(node.get("schema")))
        .str(firstText(node, "alias", "identifier"))
        .str(Json.scalar(node.get("relation_name")))
        .str(Json.scalar(config.get("materialized")))
        .list(Json.strings(node.get("tags")))
        .utf8(topMeta ? node.textBytes("meta") : utf8(Json.text(meta)))
        .str(firstText(node, "description", "label"))
        .str(Json.scalar(node.get("original_file_path")))
        .str(Json.scalar(node.get("path")))
        .str(Json.scalar(node.get("patch_path")))
        .str(owner(meta))
        .str(accessOf(config))
        .str(groupOf(config))
        .str(Json.scalar(node.get("version")))
        .str(Json.scalar(node.get("latest_version")))
        .str(language())
        .str(Json.scalar(node.path("checksum").get("checksum")))
        .str(firstText(node, "raw_code", "raw_sql", "macro_sql"))
        .utf8(node.textBytes("config"))
        .list(node.has("fqn") ? Json.strings(node.get("fqn")) : null)
        .list(Json.strings(node.path("depends_on").get("nodes")))
        .list(Json.strings(node.path("depends_on").get("macros")))
        .str(Json.scalar(node.get("source_name")))
        .str(Json.scalar(node.get("loaded_at_field")))
        .utf8(node.textBytes("freshness"))
        .utf8(node.textBytes("test_metadata"))
        .str(Json.scalar(node.get("column_name")))
        .str(Json.scalar(node.get("attached_node")))
        .bool(contractEnforced(config))
        .utf8(Json.isEmpty(node.get("constraints")) ? null : node.textBytes("constraints"))
        .utf8(node.rawJsonBytes())
        .end();
  }

  /** Appends the columns declared in YAML to {@code stage_def_column}. @return how many */
  int writeColumns(RowSink w) {
    JsonNode columns = node.get("columns");
    if (columns == null || !columns.isObject()) {
      return 0;
    }
    int index = 0;
    for (Map.Entry<String, JsonNode> e : columns.properties()) {
      JsonNode c = e.getValue();
      index++;
      w.begin()
          .str(defHash)
          .str(c.hasNonNull("name") ? Json.scalar(c.get("name")) : e.getKey())
          .integer(index)
          .str(Json.scalar(c.get("data_type")))
          .str(Json.scalar(c.get("description")))
          .str(Json.isEmpty(c.get("meta")) ? null : Json.text(c.get("meta")))
          .list(Json.strings(c.get("tags")))
          .str(Json.isEmpty(c.get("constraints")) ? null : Json.text(c.get("constraints")))
          .end();
    }
    return index;
  }

  private String language() {
    String lang = Json.scalar(node.get("language"));
    if (lang != null) {
      return lang;
    }
    return node.has("raw_sql") || node.has("raw_code") ? "sql" : null;
  }

  private String accessOf(JsonNode config) {
    String a = Json.scalar(node.get("access"));
    return a != null ? a : Json.scalar(config.get("access"));
  }

  private String groupOf(JsonNode config) {
    String g = Json.scalar(node.get("group"));
    return g != null ? g : Json.scalar(config.get("group"));
  }

  private Boolean contractEnforced(JsonNode config) {
    JsonNode c = node.path("contract").get("enforced");
    if (c == null || c.isNull()) {
      c = config.path("contract").get("enforced");
    }
    return c == null || c.isNull() ? null : c.asBoolean();
  }

  /** Exposures and groups own themselves; other nodes name an owner in {@code meta.owner}. */
  private String owner(JsonNode meta) {
    JsonNode owner = node.get("owner");
    if (owner == null || owner.isNull()) {
      owner = meta == null ? null : meta.get("owner");
    }
    if (owner == null || owner.isNull()) {
      return null;
    }
    if (owner.isObject()) {
      String name = Json.scalar(owner.get("name"));
      return name != null ? name : Json.scalar(owner.get("email"));
    }
    return Json.scalar(owner);
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static String firstText(ManifestEntry node, String... fields) {
    for (String f : fields) {
      String v = Json.scalar(node.get(f));
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
