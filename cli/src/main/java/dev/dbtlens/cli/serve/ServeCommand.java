package dev.dbtlens.cli.serve;

import dev.dbtlens.cli.support.DuckDbOptions;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.VerboseOption;
import dev.dbtlens.graphql.Limits;
import dev.dbtlens.server.DbtLensServer;
import dev.dbtlens.server.ServerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dbtlens serve}: the GraphQL schema over HTTP at the paths of dbt Cloud's Discovery API,
 * with GraphiQL, until Ctrl-C (docs/graphql.md, "dbtlens serve").
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Serves the GraphQL schema over HTTP the way dbt Cloud's Discovery API does: point a"
            + " Discovery API client at http://127.0.0.1:8080/graphql (also /beta/graphql), or open"
            + " http://127.0.0.1:8080/ in a browser for GraphiQL. Runs until Ctrl-C.",
        "The database is opened read-only while requests run and closed between them, so"
            + " 'dbtlens ingest' into it works while it serves (see docs/graphql.md).",
        "Logs one line per request to stderr."})
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The database file.")
  Path db;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerOptions.DEFAULT_HOST,
      description = "The address to listen on. Default: ${DEFAULT-VALUE} (this machine only);"
          + " 0.0.0.0 for every interface (give a --token then).")
  String host;

  @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServerOptions.DEFAULT_PORT,
      description = "The port; 0 for any free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:DBTLENS_TOKEN}",
      description = "Require 'Authorization: Bearer TOKEN' (or 'Token TOKEN') on queries."
          + " Default: the DBTLENS_TOKEN environment variable (which, unlike an option, other"
          + " users cannot see in the process list), else none.")
  String token;

  @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "" + ServerOptions.DEFAULT_MAX_BODY_BYTES,
      description = "The largest request body accepted (HTTP 413 beyond). Default: ${DEFAULT-VALUE}.")
  int maxBody;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long a request may wait for the database (while an ingest writes it) and"
          + " run before it gets HTTP 503. Default: ${DEFAULT-VALUE}.")
  int timeoutSeconds;

  @Option(names = "--keep-open", paramLabel = "MS", defaultValue = "0",
      description = "Keep the database open this many milliseconds after the last request, for"
          + " clients that page through results (each open costs about as much as a few warm"
          + " requests); an ingest cannot start meanwhile. Default: ${DEFAULT-VALUE}.")
  int keepOpenMillis;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + ServerOptions.DEFAULT_THREADS,
      description = "How many requests run at once; more wait their turn. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--max-complexity", paramLabel = "N",
      description = "The largest query cost accepted (docs/graphql.md, Limits). Default: 100000.")
  Integer maxComplexity;

  @Option(names = "--max-depth", paramLabel = "N",
      description = "The deepest field nesting accepted. Default: 15.")
  Integer maxDepth;

  @Option(names = "--cache-rows", paramLabel = "N",
      description = "How many rows (nodes, catalog columns, executions) of what requests read are"
          + " kept for the next requests while the database stays open (see --keep-open), about"
          + " half a kilobyte each; 0 keeps nothing (docs/graphql.md, Speed and memory)."
          + " Default: 200000.")
  Integer cacheRows;

  @Mixin DuckDbOptions duckdb;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(db)) {
      throw new ParameterException(spec.commandLine(), "no database at " + db
          + " (create one with 'dbtlens ingest --db " + db + " PATH...' or 'dbtlens demo')");
    }
    ServerOptions options = options();
    duckdb.apply();
    boundSlowClients(options.requestTimeout());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (DbtLensServer server = DbtLensServer.start(options)) {
      String root = server.url().resolve("/").toString();
      out.println("dbtlens serving " + server.url() + " (database " + db + ", read-only)");
      out.println("GraphiQL at " + root + ", health at " + root + "health; Ctrl-C stops");
      out.flush();
      awaitStop(server, err);
    }
    return ExitCode.OK;
  }

  private ServerOptions options() {
    Limits defaults = Limits.defaults();
    Limits limits;
    try {
      limits = new Limits(maxDepth == null ? defaults.maxDepth() : maxDepth,
          maxComplexity == null ? defaults.maxComplexity() : maxComplexity, defaults.maxPageSize(),
          cacheRows == null ? defaults.cachedRows() : cacheRows);
      return ServerOptions.of(db)
          .withHost(host)
          .withPort(port)
          .withToken(token == null || token.isEmpty() ? null : token)
          .withMaxBodyBytes(maxBody)
          .withRequestTimeout(Duration.ofSeconds(timeoutSeconds))
          .withKeepOpen(Duration.ofMillis(keepOpenMillis))
          .withThreads(concurrency)
          .withLimits(limits)
          .withLog(spec.commandLine().getErr()::println);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * Blocks until Ctrl-C (the JVM's shutdown hook stops the server) or until this thread is
   * interrupted (an embedding or a test stopping it).
   */
  private static void awaitStop(DbtLensServer server, PrintWriter err) {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close();
      err.println("dbtlens serve: stopped");
      err.flush();
      stopped.countDown();
    }, "dbtlens-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      removeHook(hook);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook has run or is running
    }
  }

  /**
   * The JDK's HTTP server waits forever for a slow client unless these are set (seconds, read
   * once per process): a client may take the request timeout to send its request, and to read
   * the answer. Left alone when already set.
   */
  private static void boundSlowClients(Duration timeout) {
    String seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
    for (String property : new String[] {"sun.net.httpserver.maxReqTime", "sun.net.httpserver.maxRspTime"}) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, seconds);
      }
    }
  }
}
