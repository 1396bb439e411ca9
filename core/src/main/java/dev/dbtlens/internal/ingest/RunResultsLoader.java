package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import dev.dbtlens.internal.dbt.Statuses;
import dev.dbtlens.internal.store.TableWriter;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDateTime;
import org.duckdb.DuckDBConnection;

/** Streams run_results v1-v6 (and newer, tolerantly): one row per result, every result kept. */
final class RunResultsLoader {
  /**
   * @param results results written
   * @param elapsedTime the invocation's {@code elapsed_time}
   * @param argsJson its {@code args}
   * @param command the dbt command, from {@code args.which}
   */
  record Result(long results, Double elapsedTime, String argsJson, String command) {}

  private final DuckDBConnection conn;
  private final Reading reading;

  RunResultsLoader(DuckDBConnection conn, Reading reading) {
    this.conn = conn;
    this.reading = reading;
  }

  Result load(JsonParser p, String environment, String invocationId, LocalDateTime generatedAt)
      throws IOException {
    Double elapsed = null;
    JsonNode args = null;
    long count = 0;
    try (TableWriter w = new TableWriter(conn, "run_result")) {
      Parsing.expectRootObject(p, reading);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        reading.member(field);
        p.nextToken();
        switch (field) {
          case "results" -> count = Parsing.eachResult(p, reading,
              (r, path, i) -> write(r, path, i, w, environment, invocationId, generatedAt));
          case "elapsed_time" -> elapsed = number(p);
          case "args" -> args = p.readValueAsTree();
          default -> p.skipChildren();
        }
      }
      w.finish();
    }
    return new Result(count, elapsed, Json.text(args), Commands.fromArgs(args));
  }

  private Double number(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!p.currentToken().isNumeric()) {
      throw reading.error(Json.path(p), "expected a number, found " + Parsing.describe(p.currentToken()));
    }
    return p.getDoubleValue();
  }

  private void write(JsonNode r, String path, int index, TableWriter w, String env, String invocationId,
      LocalDateTime generatedAt) {
    String uniqueId = reading.requiredText(r, "unique_id", path);
    String status = reading.requiredText(r, "status", path);
    Timing timing = Timing.of(reading.optionalArray(r, "timing", path));
    JsonNode adapter = reading.optionalObject(r, "adapter_response", path);
    w.begin()
        .str(env)
        .str(invocationId)
        .integer(index)
        .str(uniqueId)
        .str(Statuses.normalize(status))
        .str(status)
        .num(reading.optionalNumber(r, "execution_time", path))
        .str(Json.scalar(r.get("thread_id")))
        .ts(timing.compileStarted())
        .ts(timing.compileCompleted())
        .ts(timing.executeStarted())
        .ts(timing.executeCompleted())
        .lng(adapter == null ? null : reading.optionalLong(adapter, "rows_affected", path + ".adapter_response"))
        .lng(reading.optionalLong(r, "failures", path))
        .str(Json.scalar(r.get("message")))
        .str(Json.text(adapter))
        .str(Json.text(r.get("batch_results")))
        .str(Json.scalar(r.get("relation_name")))
        .ts(generatedAt)
        .end();
  }
}
