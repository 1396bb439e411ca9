package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import dev.dbtlens.internal.store.TableWriter;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/** Reads semantic_manifest.json (no version, no metadata): its semantic models, metrics, saved queries. */
final class SemanticManifestLoader {
  private static final Map<String, String> TYPES = Map.of(
      "semantic_models", "semantic_model", "metrics", "metric", "saved_queries", "saved_query");

  private final DuckDBConnection conn;
  private final Reading reading;

  SemanticManifestLoader(DuckDBConnection conn, Reading reading) {
    this.conn = conn;
    this.reading = reading;
  }

  long load(JsonParser p, String environment, String invocationId) throws IOException {
    long count = 0;
    try (TableWriter w = new TableWriter(conn, "semantic_entity")) {
      Parsing.expectRootObject(p, reading);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        String type = TYPES.get(field);
        if (type == null || p.currentToken() == JsonToken.VALUE_NULL) {
          p.skipChildren();
          continue;
        }
        Parsing.expectArray(p, reading);
        while (p.nextToken() != JsonToken.END_ARRAY) {
          JsonNode e = p.readValueAsTree();
          w.begin().str(environment).str(invocationId).str(type).str(Json.scalar(e.get("name")))
              .str(Json.text(e)).end();
          count++;
        }
      }
      w.finish();
    }
    return count;
  }
}
