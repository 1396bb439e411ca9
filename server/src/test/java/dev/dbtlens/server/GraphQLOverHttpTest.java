package dev.dbtlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport as Discovery API clients use it: paths, JSON in and out, status codes, the log. */
class GraphQLOverHttpTest {
  /** Two operations, so that {@code operationName} matters; {@code $first} is a variable. */
  static final String MODELS = """
      query Ping { __typename }
      query Models($first: Int) {
        environments {
          dbtProjectName
          applied { models(first: $first) { totalCount edges { node { uniqueId name } } } }
        }
      }""";

  @TempDir static Path dir;
  static Served served;

  @BeforeAll
  static void start() throws IOException {
    served = Served.start(dir);
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/graphql", "/graphql/", "/beta/graphql", "/graphql/graphql"})
  void everyPathClientsUseAnswersAQueryWithVariablesAndOperationName(String path) {
    HttpResponse<String> r = served.post(path, Served.json(
        Served.request(MODELS, Map.of("first", 3), "Models")));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    JsonNode body = Served.tree(r.body());
    assertThat(body.has("errors")).as(r.body()).isFalse();
    JsonNode env = body.at("/data/environments/0");
    JsonNode manifest = Served.latestManifest(dir);
    assertThat(env.get("dbtProjectName").asText()).isEqualTo(manifest.at("/metadata/project_name").asText());
    JsonNode models = env.at("/applied/models");
    assertThat(models.get("totalCount").asInt()).isEqualTo(modelIds(manifest).size());
    assertThat(models.get("edges")).hasSize(3);
    for (JsonNode edge : models.get("edges")) {
      String id = edge.at("/node/uniqueId").asText();
      assertThat(modelIds(manifest)).contains(id);
      assertThat(edge.at("/node/name").asText()).isEqualTo(manifest.at("/nodes/" + pointer(id) + "/name").asText());
    }
  }

  @Test
  void theOtherOperationRunsWhenNamed() {
    HttpResponse<String> r = served.graphql(MODELS, Map.of(), "Ping");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Served.tree(r.body()).at("/data/__typename").asText()).isEqualTo("Query");
  }

  @Test
  void nullVariablesAndExtraMembersAreAccepted() {
    HttpResponse<String> r = served.post("/graphql",
        "{\"query\": \"{ __typename }\", \"variables\": null, \"operationName\": null, \"extensions\": {}}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Served.tree(r.body()).at("/data/__typename").asText()).isEqualTo("Query");
  }

  @Test
  void graphqlErrorsComeBackAs200WithErrors() {
    HttpResponse<String> r = served.graphql("{ noSuchField }", Map.of(), null);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = Served.tree(r.body());
    assertThat(body.get("errors")).isNotEmpty();
    assertThat(body.at("/errors/0/message").asText()).contains("noSuchField");
  }

  @Test
  void aDocumentWithSeveralOperationsAndNoNameIsAGraphqlError() {
    HttpResponse<String> r = served.graphql(MODELS, Map.of(), null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Served.tree(r.body()).get("errors")).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json",
      "{\"query\": \"{ __typename }\"} trailing",
      "[{\"query\": \"{ __typename }\"}]",
      "\"{ __typename }\"",
      "{}",
      "{\"query\": 42}",
      "{\"query\": \"{ __typename }\", \"variables\": [1]}",
      "{\"query\": \"{ __typename }\", \"variables\": \"{}\"}",
      "{\"query\": \"{ __typename }\", \"operationName\": 1}",
      ""})
  void aMalformedBodyIs400WithAnError(String body) {
    HttpResponse<String> r = served.post("/graphql", body);

    assertThat(r.statusCode()).as(body).isEqualTo(400);
    assertThat(Served.tree(r.body()).at("/errors/0/extensions/code").asText()).isEqualTo("BAD_REQUEST");
    assertThat(Served.tree(r.body()).at("/errors/0/message").asText()).isNotBlank();
  }

  @Test
  void aBodyThatIsNotDeclaredJsonIs415() {
    HttpResponse<String> r = served.post("/graphql", "{\"query\": \"{ __typename }\"}",
        "Content-Type", "text/plain");

    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void aCharsetParameterIsFine() {
    HttpResponse<String> r = served.post("/graphql", "{\"query\": \"{ __typename }\"}",
        "Content-Type", "application/json; charset=utf-8");

    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyOverTheLimitIs413() throws IOException {
    try (Served small = Served.start(dir, o -> o.withMaxBodyBytes(1024))) {
      String query = "{ __typename }" + " ".repeat(4096);
      HttpResponse<String> r = small.graphql(query, Map.of(), null);

      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(Served.tree(r.body()).at("/errors/0/extensions/code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
      assertThat(small.graphql("{ __typename }", Map.of(), null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void otherMethodsAre405AndOtherPaths404() {
    HttpResponse<String> get = served.get("/graphql", "Accept", "application/json");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST, GET, HEAD");

    HttpResponse<String> delete = served.send(java.net.http.HttpRequest.newBuilder(served.uri("/health"))
        .DELETE().build());
    assertThat(delete.statusCode()).isEqualTo(405);

    HttpResponse<String> missing = served.get("/graphql/v2");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(Served.tree(missing.body()).at("/errors/0/extensions/code").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void healthSaysWhatIsServed() {
    HttpResponse<String> r = served.get("/health");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode h = Served.tree(r.body());
    assertThat(h.get("name").asText()).isEqualTo("dbtlens");
    assertThat(h.get("version").asText()).isEqualTo(DbtLensServer.version()).doesNotContain("${");
    assertThat(h.get("database").asText()).isEqualTo(served.db.toAbsolutePath().toString());
    assertThat(h.get("readOnly").asBoolean()).isTrue();
    assertThat(h.get("environments").asInt()).isEqualTo(1);
    assertThat(h.get("status").asText()).isEqualTo("ok");
  }

  @Test
  void everyRequestIsLoggedOnOneLine() {
    served.log.clear();
    served.graphql(MODELS, Map.of("first", 1), "Models");
    served.get("/nope");

    assertThat(served.log).hasSize(2);
    assertThat(served.log.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z POST /graphql 200 \\d+ms Models");
    assertThat(served.log.get(1)).matches("\\S+ GET /nope 404 \\d+ms -");
  }

  @Test
  void aRequestNamingAnotherHostIsRefused() throws IOException {
    // what a page that points its own domain at 127.0.0.1 would send (DNS rebinding)
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", served.server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: attacker.example:" + served.server.port()
          + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String status = new String(s.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 403");
    }
    assertThat(served.get("/health", "Accept", "*/*").statusCode()).isEqualTo(200);
  }

  @Test
  void theUrlToPointClientsAtIsTheGraphqlPath() {
    assertThat(served.server.url().toString()).isEqualTo("http://127.0.0.1:" + served.server.port() + "/graphql");
  }

  static Set<String> modelIds(JsonNode manifest) {
    Set<String> ids = new LinkedHashSet<>();
    manifest.get("nodes").properties().forEach(e -> {
      if (e.getValue().path("resource_type").asText().equals("model")) {
        ids.add(e.getKey());
      }
    });
    return ids;
  }

  private static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
