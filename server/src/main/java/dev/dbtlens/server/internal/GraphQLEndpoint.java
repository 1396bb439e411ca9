package dev.dbtlens.server.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.dbtlens.graphql.GraphQLResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /graphql}: the request as the hosted Discovery API takes it, the result as it gives
 * it (HTTP 200, with {@code errors} for GraphQL errors). The query runs on a worker so that the
 * request can be answered at its deadline even when the query does not stop.
 */
final class GraphQLEndpoint {
  private final Database database;
  private final Auth auth;
  private final int maxBodyBytes;
  private final ExecutorService workers;

  GraphQLEndpoint(Database database, Auth auth, int maxBodyBytes, ExecutorService workers) {
    this.database = database;
    this.auth = auth;
    this.maxBodyBytes = maxBodyBytes;
    this.workers = workers;
  }

  Response post(HttpExchange exchange, Instant deadline) throws IOException {
    if (!auth.allows(exchange)) {
      return Auth.denied();
    }
    if (!isJson(exchange.getRequestHeaders().getFirst("Content-Type"))) {
      return Response.error(415, "UNSUPPORTED_MEDIA_TYPE",
          "POST the request as JSON with 'Content-Type: application/json'.");
    }
    GraphQLRequest request;
    try {
      request = GraphQLRequest.parse(Bodies.read(exchange, maxBodyBytes));
    } catch (Bodies.TooLarge e) {
      return Response.error(413, "PAYLOAD_TOO_LARGE", e.getMessage()).withHeader("Connection", "close");
    } catch (GraphQLRequest.Malformed e) {
      return Response.error(400, "BAD_REQUEST", e.getMessage());
    }
    return execute(request, deadline).withOperationName(request.operationName());
  }

  private Response execute(GraphQLRequest request, Instant deadline) {
    AtomicBoolean opened = new AtomicBoolean();
    Future<GraphQLResult> result;
    try {
      result = workers.submit(() -> run(request, deadline, opened));
    } catch (RejectedExecutionException e) {
      return Response.error(503, "UNAVAILABLE", "The server is stopping.");
    }
    try {
      long wait = Math.max(0, Duration.between(Instant.now(), deadline).toNanos());
      return Response.json(200, result.get(wait, TimeUnit.NANOSECONDS).toSpecification());
    } catch (TimeoutException e) {
      result.cancel(true);
      return opened.get() ? timedOut() : unavailable(database.busyMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.cancel(true);
      return Response.error(503, "UNAVAILABLE", "The server is stopping.");
    } catch (ExecutionException e) {
      return failure(e.getCause());
    }
  }

  private GraphQLResult run(GraphQLRequest request, Instant deadline, AtomicBoolean opened) {
    try (Database.Lease lease = database.acquire(deadline)) {
      opened.set(true);
      return lease.graphql().execute(request.query(), request.variables(), request.operationName());
    }
  }

  private static Response failure(Throwable cause) {
    if (cause instanceof Database.Unavailable) {
      return unavailable(cause.getMessage());
    }
    return Response.error(500, "INTERNAL", "Internal error: " + cause);
  }

  static Response unavailable(String message) {
    return Response.error(503, "UNAVAILABLE", message).withHeader("Retry-After", "5");
  }

  private static Response timedOut() {
    return Response.error(503, "TIMEOUT", "The request did not finish within the server's timeout;"
        + " ask for less (smaller pages, fewer nested lists).");
  }

  /** {@code application/json}, with or without parameters such as {@code charset}. */
  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.equals("application/graphql-response+json");
  }
}
