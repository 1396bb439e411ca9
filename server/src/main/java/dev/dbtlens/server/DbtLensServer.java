package dev.dbtlens.server;

import dev.dbtlens.server.internal.HttpFrontend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;

/**
 * The dbtlens GraphQL schema over HTTP, the way dbt Cloud's Discovery API serves it, so that a
 * Discovery API client can point at a local database:
 *
 * <pre>{@code
 * try (DbtLensServer server = DbtLensServer.start(ServerOptions.of(Path.of("dbtlens.duckdb")))) {
 *   System.out.println("point your client at " + server.url());  // http://127.0.0.1:8080/graphql
 *   ...
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code POST /graphql} (and {@code /graphql/}, {@code /beta/graphql}, {@code
 *       /graphql/graphql}) takes {@code {"query", "variables", "operationName"}} as JSON and answers
 *       HTTP 200 with {@code data} and {@code errors}; 400 for a body that is no such request, 401
 *       without the token when one is set, 413 for a body over the limit, 503 past the timeout.
 *   <li>{@code GET /} (and the GraphQL paths from a browser) serves GraphiQL, from the jar.
 *   <li>{@code GET /health} says what is served.
 * </ul>
 *
 * <p>The database is opened read-only only while requests run, and closed when the last running
 * request ends, so another process can ingest into it between requests. See {@code
 * docs/graphql.md}, "dbtlens serve".
 */
public final class DbtLensServer implements AutoCloseable {
  private final HttpFrontend frontend;
  private final ServerOptions options;

  private DbtLensServer(HttpFrontend frontend, ServerOptions options) {
    this.frontend = frontend;
    this.options = options;
  }

  /**
   * Checks that the database can be read, then listens.
   *
   * @param options the database and how to serve it
   * @return the running server
   * @throws IOException if the address cannot be bound (for example, the port is taken)
   * @throws dev.dbtlens.DbtLensException if the database is missing or not a dbtlens database
   */
  public static DbtLensServer start(ServerOptions options) throws IOException {
    return new DbtLensServer(HttpFrontend.start(options), options);
  }

  /** @return the port the server listens on: the one asked for, or the one it got for port 0 */
  public int port() {
    return frontend.address().getPort();
  }

  /** @return the URL of the GraphQL endpoint, e.g. {@code http://127.0.0.1:8080/graphql} */
  public URI url() {
    InetSocketAddress a = frontend.address();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + "/graphql");
  }

  /** @return the database file served, absolute */
  public Path database() {
    return frontend.databaseFile();
  }

  /** @return the options the server was started with */
  public ServerOptions options() {
    return options;
  }

  /** @return the version of dbtlens serving, as {@code GET /health} reports it */
  public static String version() {
    return HttpFrontend.version();
  }

  /** Stops listening; running requests get up to two seconds to finish. */
  @Override
  public void close() {
    frontend.close();
  }
}
