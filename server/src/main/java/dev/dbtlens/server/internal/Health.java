package dev.dbtlens.server.internal;

import com.sun.net.httpserver.HttpExchange;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: what this is ({@code name}, {@code version}) and, to a client that may query
 * (no token required, or the right one given), the database it serves and how many environments it
 * holds. 503 while a writer holds the database past the request's deadline.
 */
final class Health {
  private final Database database;
  private final Auth auth;
  private final String version;

  Health(Database database, Auth auth, String version) {
    this.database = database;
    this.auth = auth;
    this.version = version;
  }

  Response get(HttpExchange exchange, Instant deadline) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", "dbtlens");
    out.put("version", version);
    if (!auth.allows(exchange)) {
      out.put("status", "ok");
      return Response.json(200, out);
    }
    out.put("database", database.file().toString());
    out.put("readOnly", true);
    try (Database.Lease lease = database.acquire(deadline)) {
      out.put("environments", lease.lens().environments().size());
      out.put("status", "ok");
      return Response.json(200, out);
    } catch (Database.Unavailable e) {
      out.put("status", "unavailable");
      out.put("reason", e.getMessage());
      return Response.json(503, out).withHeader("Retry-After", "5");
    }
  }
}
