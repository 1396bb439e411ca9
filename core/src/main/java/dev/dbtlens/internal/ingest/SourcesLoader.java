package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import dev.dbtlens.internal.dbt.Statuses;
import dev.dbtlens.internal.dbt.Timestamps;
import dev.dbtlens.internal.store.TableWriter;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDateTime;
import org.duckdb.DuckDBConnection;

/** Streams sources.json v1-v3: one row per freshness result, every result kept. */
final class SourcesLoader {
  /**
   * @param results results written
   * @param elapsedTime the invocation's {@code elapsed_time}
   */
  record Result(long results, Double elapsedTime) {}

  private final DuckDBConnection conn;
  private final Reading reading;

  SourcesLoader(DuckDBConnection conn, Reading reading) {
    this.conn = conn;
    this.reading = reading;
  }

  Result load(JsonParser p, String environment, String invocationId, LocalDateTime generatedAt)
      throws IOException {
    Double elapsed = null;
    long count = 0;
    try (TableWriter w = new TableWriter(conn, "freshness_result")) {
      Parsing.expectRootObject(p, reading);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        reading.member(field);
        p.nextToken();
        if (field.equals("results")) {
          count = Parsing.eachResult(p, reading,
              (r, path, i) -> write(r, path, i, w, environment, invocationId, generatedAt));
        } else if (field.equals("elapsed_time") && p.currentToken().isNumeric()) {
          elapsed = p.getDoubleValue();
        } else {
          p.skipChildren();
        }
      }
      w.finish();
    }
    return new Result(count, elapsed);
  }

  private void write(JsonNode r, String path, int index, TableWriter w, String env, String invocationId,
      LocalDateTime generatedAt) {
    String uniqueId = reading.requiredText(r, "unique_id", path);
    String status = reading.requiredText(r, "status", path);
    JsonNode criteria = reading.optionalObject(r, "criteria", path);
    JsonNode warn = criteria == null ? null : criteria.get("warn_after");
    JsonNode error = criteria == null ? null : criteria.get("error_after");
    w.begin()
        .str(env)
        .str(invocationId)
        .integer(index)
        .str(uniqueId)
        .str(Statuses.normalize(status))
        .str(status)
        .ts(Timestamps.utc(Json.scalar(r.get("max_loaded_at"))))
        .ts(Timestamps.utc(Json.scalar(r.get("snapshotted_at"))))
        .num(reading.optionalNumber(r, "max_loaded_at_time_ago_in_s", path))
        .integer(count(warn))
        .str(period(warn))
        .integer(count(error))
        .str(period(error))
        .str(criteria == null ? null : Json.scalar(criteria.get("filter")))
        .str(Json.scalar(r.get("error")))
        .num(reading.optionalNumber(r, "execution_time", path))
        .str(Json.scalar(r.get("thread_id")))
        .str(Json.text(r.get("adapter_response")))
        .ts(generatedAt)
        .end();
  }

  private static Integer count(JsonNode after) {
    if (after == null || !after.hasNonNull("count") || !after.get("count").isNumber()) {
      return null;
    }
    return after.get("count").intValue();
  }

  private static String period(JsonNode after) {
    return after == null ? null : Json.scalar(after.get("period"));
  }
}
