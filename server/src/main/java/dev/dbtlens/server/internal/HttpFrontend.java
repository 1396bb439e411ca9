package dev.dbtlens.server.internal;

import com.sun.net.httpserver.HttpServer;
import dev.dbtlens.server.ServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP server with the {@link Router}, and its two bounded pools: {@code threads} threads
 * that read requests and answer them (up to {@code 32 * threads} connections wait for one; beyond
 * that the server closes new connections), and {@code threads} that run queries, so that a request
 * is answered at its deadline even when its query runs on.
 */
public final class HttpFrontend implements AutoCloseable {
  private static final int QUEUED_PER_THREAD = 32;
  private static final int STOP_SECONDS = 2;

  private final HttpServer server;
  private final ExecutorService http;
  private final ExecutorService workers;
  private final Database database;
  private final Router router;

  private HttpFrontend(HttpServer server, ExecutorService http, ExecutorService workers,
      Database database, Router router) {
    this.server = server;
    this.router = router;
    this.http = http;
    this.workers = workers;
    this.database = database;
  }

  /**
   * Checks the database, binds and starts serving.
   *
   * @param options what to serve and how
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static HttpFrontend start(ServerOptions options) throws IOException {
    Database database = new Database(options.database(), options.limits(), options.keepOpen());
    if (!database.check()) {
      options.log().accept("warning: another process is writing " + database.file()
          + "; requests wait for it (up to the request timeout)");
    }
    InetAddress address = InetAddress.getByName(options.host());
    if (!address.isLoopbackAddress() && options.token() == null) {
      options.log().accept("warning: listening on " + options.host() + " without a token: anyone"
          + " who can reach this machine can query the database (give a token)");
    }
    Auth auth = new Auth(options.token());
    ExecutorService workers = pool(options.threads(), new LinkedBlockingQueue<>(), "dbtlens-query-");
    Router router = new Router(
        new GraphQLEndpoint(database, auth, options.maxBodyBytes(), workers),
        new Health(database, auth, version()),
        new Explorer(database.file().getFileName().toString(), auth.required()),
        new HostCheck(address),
        options.requestTimeout(),
        new RequestLog(options.log()));
    ExecutorService http = pool(options.threads(),
        new ArrayBlockingQueue<>(QUEUED_PER_THREAD * options.threads()), "dbtlens-http-");
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address, options.port()), 0);
    } catch (IOException e) {
      http.shutdown();
      workers.shutdown();
      database.close();
      throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": "
          + e.getMessage(), e);
    }
    server.createContext("/", router);
    server.setExecutor(http);
    server.start();
    return new HttpFrontend(server, http, workers, database, router);
  }

  /** @return the address the server listens on (with the port it got, when asked for port 0) */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** @return the database file served, absolute */
  public Path databaseFile() {
    return database.file();
  }

  /**
   * Lets running requests finish for up to two seconds, stops listening, stops the pools and closes
   * the database (or leaves that to a query still running).
   */
  @Override
  public void close() {
    awaitIdle();
    server.stop(0); // on Java 17 stop(n) waits n seconds even when no request runs
    http.shutdown();
    workers.shutdownNow();
    try {
      workers.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      database.close();
    }
  }

  private void awaitIdle() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
    while (router.inFlight() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static ExecutorService pool(int threads, BlockingQueue<Runnable> queue, String name) {
    return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, queue, daemons(name));
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** @return this build's version, from {@code version.properties} */
  public static String version() {
    try (InputStream in = HttpFrontend.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
