package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import dev.dbtlens.internal.dbt.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;

/** A result's {@code timing} list: compile and execute start and end. */
record Timing(
    LocalDateTime compileStarted,
    LocalDateTime compileCompleted,
    LocalDateTime executeStarted,
    LocalDateTime executeCompleted) {

  static Timing of(JsonNode timing) {
    LocalDateTime[] t = new LocalDateTime[4];
    if (timing != null) {
      for (JsonNode step : timing) {
        int offset = switch (String.valueOf(Json.scalar(step.get("name")))) {
          case "compile" -> 0;
          case "execute" -> 2;
          default -> -1;
        };
        if (offset >= 0) {
          t[offset] = Timestamps.utc(Json.scalar(step.get("started_at")));
          t[offset + 1] = Timestamps.utc(Json.scalar(step.get("completed_at")));
        }
      }
    }
    return new Timing(t[0], t[1], t[2], t[3]);
  }
}
