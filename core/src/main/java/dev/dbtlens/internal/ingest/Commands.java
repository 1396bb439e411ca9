package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import com.fasterxml.jackson.databind.JsonNode;

/** The dbt command of an invocation, as far as its artifacts tell. */
final class Commands {
  private Commands() {}

  /** @return {@code args.which} in dbt's spelling ({@code build}, {@code source freshness}, ...) */
  static String fromArgs(JsonNode args) {
    if (args == null) {
      return null;
    }
    String which = Json.scalar(args.get("which"));
    if (which == null) {
      which = Json.scalar(args.get("rpc_method"));
    }
    if (which == null) {
      return null;
    }
    return switch (which) {
      case "source-freshness", "freshness", "source_freshness" -> "source freshness";
      case "generate" -> "docs generate";
      case "run-operation" -> "run-operation";
      default -> which.replace('_', ' ');
    };
  }
}
