package dev.dbtlens.server;

import dev.dbtlens.graphql.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link DbtLensServer} listens and what it allows. Start from {@link #of(Path)} and change
 * what differs with the {@code with...} methods.
 *
 * @param database the dbtlens database file, opened read-only for each request
 * @param host the address to listen on; {@code 127.0.0.1} by default, so only this machine can connect
 * @param port the port; 0 picks a free one ({@link DbtLensServer#port()} tells which)
 * @param token the token requests must carry as {@code Authorization: Bearer T} or {@code Token T},
 *     or null to accept requests without one
 * @param maxBodyBytes the largest request body accepted; larger ones get HTTP 413
 * @param limits the query depth, cost and page size limits
 * @param threads how many requests run at once; further ones wait their turn
 * @param requestTimeout how long a request may wait for the database (a writer may hold it) and run
 *     before it gets HTTP 503
 * @param keepOpen how long the database stays open after the last request ends; zero (the default)
 *     closes it at once, so the file is free for an ingest whenever no request runs, and every
 *     request pays the open (see docs/graphql.md); longer saves that for clients that page, but an
 *     ingest that starts within it fails to get the lock
 * @param log where the one line per request goes (and warnings); {@code System.err::println} by default
 */
public record ServerOptions(
    Path database,
    String host,
    int port,
    String token,
    int maxBodyBytes,
    Limits limits,
    int threads,
    Duration requestTimeout,
    Duration keepOpen,
    Consumer<String> log) {

  /** Listens on this machine only unless told otherwise. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** The port unless told otherwise. */
  public static final int DEFAULT_PORT = 8080;
  /** 1 MiB: a large GraphQL document with variables is a few KiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  /** Requests run at once unless told otherwise. */
  public static final int DEFAULT_THREADS = 8;
  /** How long a request may wait and run unless told otherwise. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Validates the options. */
  public ServerOptions {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(keepOpen, "keepOpen");
    Objects.requireNonNull(log, "log");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535: " + port);
    }
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException("the token must not be blank");
    }
    if (maxBodyBytes < 1 || threads < 1) {
      throw new IllegalArgumentException("maxBodyBytes and threads must be positive: "
          + maxBodyBytes + ", " + threads);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
    if (keepOpen.isNegative()) {
      throw new IllegalArgumentException("keepOpen must not be negative: " + keepOpen);
    }
  }

  /**
   * @param database the dbtlens database file
   * @return the defaults: 127.0.0.1:8080, no token, 1 MiB bodies, {@link Limits#defaults()}, 8
   *     threads, 30 s timeout, the database closed as soon as no request runs, log to stderr
   */
  public static ServerOptions of(Path database) {
    return new ServerOptions(database, DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MAX_BODY_BYTES,
        Limits.defaults(), DEFAULT_THREADS, DEFAULT_REQUEST_TIMEOUT, Duration.ZERO, System.err::println);
  }

  /** @return these options listening on {@code host} */
  public ServerOptions withHost(String host) {
    return new ServerOptions(database, host, port, token, maxBodyBytes, limits, threads,
        requestTimeout, keepOpen, log);
  }

  /** @return these options listening on {@code port} (0 for a free one) */
  public ServerOptions withPort(int port) {
    return new ServerOptions(database, host, port, token, maxBodyBytes, limits, threads,
        requestTimeout, keepOpen, log);
  }

  /** @return these options requiring {@code token} (null for none) */
  public ServerOptions withToken(String token) {
    return new ServerOptions(database, host, port, token, maxBodyBytes, limits, threads,
        requestTimeout, keepOpen, log);
  }

  /** @return these options accepting bodies up to {@code maxBodyBytes} */
  public ServerOptions withMaxBodyBytes(int maxBodyBytes) {
    return new ServerOptions(database, host, port, token, maxBodyBytes, limits, threads,
        requestTimeout, keepOpen, log);
  }

  /** @return these options with other query limits */
  public ServerOptions withLimits(Limits limits) {
    return new ServerOptions(database, host, port, token, maxBodyBytes, limits, threads,
        requestTimeout, keepOpen, log);
  }

  /** @return these options running up to {@code threads} requests at once */
  public ServerOptions withThreads(int threads) {
    return new ServerOptions(database, host, port, token, maxBodyBytes, limits, threads,
        requestTimeout, keepOpen, log);
  }

  /** @return these options with another request timeout */
  public ServerOptions withRequestTimeout(Duration requestTimeout) {
    return new ServerOptions(database, host, port, token, maxBodyBytes, limits, threads,
        requestTimeout, keepOpen, log);
  }

  /** @return these options keeping the database open for {@code keepOpen} after the last request */
  public ServerOptions withKeepOpen(Duration keepOpen) {
    return new ServerOptions(database, host, port, token, maxBodyBytes, limits, threads,
        requestTimeout, keepOpen, log);
  }

  /** @return these options logging to {@code log} */
  public ServerOptions withLog(Consumer<String> log) {
    return new ServerOptions(database, host, port, token, maxBodyBytes, limits, threads,
        requestTimeout, keepOpen, log);
  }

  /** @return the options without the token's value, for printing */
  @Override
  public String toString() {
    return "ServerOptions[database=" + database + ", host=" + host + ", port=" + port
        + ", token=" + (token == null ? "none" : "set") + ", maxBodyBytes=" + maxBodyBytes
        + ", limits=" + limits + ", threads=" + threads + ", requestTimeout=" + requestTimeout
        + ", keepOpen=" + keepOpen + "]";
  }
}
