package dev.dbtlens.server.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends each request to its endpoint by exact path and method, answers, and logs one line. Paths:
 * the GraphQL endpoint at every path Discovery API clients use, GraphiQL at {@code /} (and at the
 * GraphQL paths for a browser), {@code /health}, and GraphiQL's files under {@code /assets/}.
 */
final class Router implements HttpHandler {
  static final Set<String> GRAPHQL_PATHS = Set.of("/graphql", "/graphql/", "/beta/graphql", "/graphql/graphql");

  private final GraphQLEndpoint graphql;
  private final Health health;
  private final Explorer explorer;
  private final HostCheck hosts;
  private final Duration timeout;
  private final RequestLog log;
  private final AtomicInteger inFlight = new AtomicInteger();

  Router(GraphQLEndpoint graphql, Health health, Explorer explorer, HostCheck hosts, Duration timeout,
      RequestLog log) {
    this.graphql = graphql;
    this.health = health;
    this.explorer = explorer;
    this.hosts = hosts;
    this.timeout = timeout;
    this.log = log;
  }

  /** @return how many requests are being answered now */
  int inFlight() {
    return inFlight.get();
  }

  @Override
  public void handle(HttpExchange exchange) {
    inFlight.incrementAndGet();
    try {
      answer(exchange);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void answer(HttpExchange exchange) {
    Instant at = Instant.now();
    long start = System.nanoTime();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    Response response;
    try {
      response = route(exchange, method, path, at.plus(timeout));
    } catch (IOException | RuntimeException e) {
      response = Response.error(500, "INTERNAL", "Internal error: " + e);
    }
    try {
      send(exchange, method, response);
    } catch (IOException e) {
      // the client went away; nothing to answer
    } finally {
      exchange.close();
      log.request(at, method, path, response.status(), System.nanoTime() - start,
          response.operationName());
    }
  }

  private Response route(HttpExchange exchange, String method, String path, Instant deadline)
      throws IOException {
    if (!hosts.allows(exchange)) {
      return Response.error(403, "FORBIDDEN", "This server answers requests to "
          + hosts.description() + " only.");
    }
    if (GRAPHQL_PATHS.contains(path)) {
      return graphqlPath(exchange, method, deadline);
    }
    if (path.equals("/")) {
      return isGet(method) ? explorer.page() : onlyGet();
    }
    if (path.equals("/health")) {
      return isGet(method) ? health.get(exchange, deadline) : onlyGet();
    }
    if (path.startsWith(Explorer.ASSETS)) {
      return isGet(method) ? explorer.asset(path) : onlyGet();
    }
    return Response.error(404, "NOT_FOUND", "No such path: " + path
        + " (POST GraphQL requests to /graphql; GraphiQL is at /).");
  }

  private Response graphqlPath(HttpExchange exchange, String method, Instant deadline)
      throws IOException {
    if (method.equals("POST")) {
      return graphql.post(exchange, deadline);
    }
    if (isGet(method) && acceptsHtml(exchange)) {
      return explorer.page();
    }
    return Response.error(405, "METHOD_NOT_ALLOWED", "POST GraphQL requests as JSON {\"query\": ...,"
        + " \"variables\": {...}, \"operationName\": ...}; open this path in a browser for GraphiQL.")
        .withHeader("Allow", "POST, GET, HEAD");
  }

  private static Response onlyGet() {
    return Response.error(405, "METHOD_NOT_ALLOWED", "Only GET is allowed here.")
        .withHeader("Allow", "GET, HEAD");
  }

  private static boolean isGet(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  private static boolean acceptsHtml(HttpExchange exchange) {
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    return accept != null && accept.contains("text/html");
  }

  private static void send(HttpExchange exchange, String method, Response r) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", r.contentType());
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      exchange.getResponseHeaders().set(h.getKey(), h.getValue());
    }
    boolean head = method.equals("HEAD");
    exchange.sendResponseHeaders(r.status(), head || r.body().length == 0 ? -1 : r.body().length);
    if (!head && r.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(r.body());
      }
    }
  }
}
