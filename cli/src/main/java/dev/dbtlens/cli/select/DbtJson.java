package dev.dbtlens.cli.select;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbtlens.LineageNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dbt ls --output json} lines: a node's manifest JSON cut to dbt's default keys (in the
 * manifest's order) or to the asked {@code --output-keys} (in the order asked, dotted paths
 * allowed, absent keys left out), printed as Python's {@code json.dumps} prints them ({@code ", "}
 * and {@code ": "} separators, non-ASCII escaped).
 */
final class DbtJson {
  /** dbt-core's ListTask.ALLOWED_KEYS. */
  static final Set<String> DEFAULT_KEYS = Set.of("alias", "name", "package_name", "depends_on", "tags", "config",
      "resource_type", "source_name", "original_file_path", "unique_id");
  static final String DEFAULT_KEYS_TEXT = "alias, name, package_name, depends_on, tags, config, resource_type,"
      + " source_name, original_file_path, unique_id";

  private static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final ObjectWriter WRITER = MAPPER.writer(new PythonSeparators());

  private DbtJson() {}

  /**
   * @param manifestJson the node as the manifest holds it
   * @param keys the asked keys, or empty for dbt's defaults
   * @param computed values of keys dbtlens adds (e.g. {@code selector}) when the node has no such key
   */
  static String keys(String manifestJson, List<String> keys, Map<String, Object> computed) throws IOException {
    JsonNode node = MAPPER.readTree(manifestJson);
    ObjectNode out = MAPPER.createObjectNode();
    if (keys.isEmpty()) {
      node.fieldNames().forEachRemaining(k -> {
        if (DEFAULT_KEYS.contains(k)) {
          out.set(k, node.get(k));
        }
      });
      return WRITER.writeValueAsString(out);
    }
    for (String key : keys) {
      JsonNode value = path(node, key);
      if (value != null && !value.isNull()) {
        out.set(key, value);
      } else if (!key.contains(".") && node.has(key)) {
        out.set(key, node.get(key)); // dbt keeps a top-level key whose value is null
      } else if (computed.containsKey(key)) {
        out.set(key, MAPPER.valueToTree(computed.get(key)));
      }
    }
    return WRITER.writeValueAsString(out);
  }

  /** A node the manifest does not define (a parent kept for its edges): what the graph knows of it. */
  static String bare(LineageNode n, List<String> keys, Map<String, Object> computed) throws IOException {
    ObjectNode known = MAPPER.createObjectNode();
    known.put("name", n.name());
    known.put("resource_type", n.resourceType());
    known.put("package_name", n.packageName());
    known.put("unique_id", n.uniqueId().value());
    return keys(MAPPER.writeValueAsString(known), keys, computed);
  }

  private static JsonNode path(JsonNode node, String dotted) {
    JsonNode value = node;
    for (String part : dotted.split("\\.", -1)) {
      if (value == null || !value.isObject() || !value.has(part)) {
        return null;
      }
      value = value.get(part);
    }
    return value;
  }

  /** {@code json.dumps}'s default separators. */
  private static final class PythonSeparators extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }
  }
}
