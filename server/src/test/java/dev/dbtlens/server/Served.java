package dev.dbtlens.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.testdata.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A database file holding the shop sample, a server over it on 127.0.0.1 and a free port, the
 * lines it logged, and an HTTP client to talk to it.
 */
final class Served implements AutoCloseable {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String ENV = IngestOptions.DEFAULT_ENVIRONMENT;

  final Path db;
  final DbtLensServer server;
  final List<String> log = new CopyOnWriteArrayList<>();
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private Served(Path db, UnaryOperator<ServerOptions> options) throws IOException {
    this.db = db;
    this.server = DbtLensServer.start(options.apply(
        ServerOptions.of(db).withPort(0).withLog(log::add)));
  }

  /** @param dir a temporary folder; the sample and the database go there */
  static Served start(Path dir) throws IOException {
    return start(dir, o -> o);
  }

  /** @param db a database file to serve as it is */
  static Served serving(Path db) throws IOException {
    return new Served(db, o -> o);
  }

  static Served start(Path dir, UnaryOperator<ServerOptions> options) throws IOException {
    return new Served(database(dir), options);
  }

  /** @return a database file in {@code dir} with the whole shop sample in {@link #ENV} */
  static Path database(Path dir) {
    Path db = dir.resolve("shop.duckdb");
    if (!Files.exists(db)) {
      try (DbtLens lens = DbtLens.open(db)) {
        lens.ingest(IngestOptions.defaults(), invocations(dir));
      }
    }
    return db;
  }

  /** @return the sample's invocation folders, copied out of the testdata jar into {@code dir} */
  static List<Path> invocations(Path dir) {
    Path shop = dir.resolve("shop");
    if (!Files.isDirectory(shop)) {
      Samples.extractShopSample(dir);
    }
    try (Stream<Path> s = Files.list(shop)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  /** POSTs a body as JSON to a path; {@code headers} (name, value, ...) replace the defaults. */
  HttpResponse<String> post(String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  /** POSTs {@code {query, variables, operationName}} to {@code /graphql}. */
  HttpResponse<String> graphql(String query, Map<String, Object> variables, String operationName) {
    return post("/graphql", json(request(query, variables, operationName)));
  }

  HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> request(String query, Map<String, Object> variables, String operationName) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("query", query);
    body.put("variables", variables);
    body.put("operationName", operationName);
    return body;
  }

  static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the latest manifest of the sample (the last invocation folder holding one) */
  static JsonNode latestManifest(Path dir) {
    List<Path> folders = invocations(dir);
    try {
      return MAPPER.readTree(folders.get(folders.size() - 1).resolve("manifest.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
