package dev.dbtlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With a token, a query needs {@code Authorization: Bearer T} or {@code Token T}; GraphiQL's page does not. */
class TokenTest {
  static final String TOKEN = "s3cret-token";
  static final String QUERY = "{\"query\": \"{ environments { dbtProjectName } }\"}";

  @TempDir static Path dir;
  static Served served;

  @BeforeAll
  static void start() throws IOException {
    served = Served.start(dir, o -> o.withToken(TOKEN));
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  @Test
  void withoutTheTokenAQueryIs401() {
    HttpResponse<String> r = served.post("/graphql", QUERY);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(Served.tree(r.body()).at("/errors/0/extensions/code").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(r.body()).doesNotContain("shop");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer wrong", "Bearer " + TOKEN + "x", "Bearer s3cret", "Basic " + TOKEN,
      TOKEN, "Bearer", "Bearer  "})
  void aWrongTokenIs401(String authorization) {
    assertThat(served.post("/graphql", QUERY, "Authorization", authorization).statusCode()).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer " + TOKEN, "Token " + TOKEN, "bearer " + TOKEN, "TOKEN " + TOKEN})
  void withTheTokenAQueryIs200(String authorization) {
    HttpResponse<String> r = served.post("/beta/graphql", QUERY, "Authorization", authorization);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Served.tree(r.body()).at("/data/environments/0/dbtProjectName").asText()).isEqualTo("shop");
  }

  @Test
  void healthTellsOnlyWhatItIsWithoutTheToken() {
    JsonNode anonymous = Served.tree(served.get("/health").body());
    assertThat(anonymous.get("name").asText()).isEqualTo("dbtlens");
    assertThat(anonymous.has("database")).isFalse();
    assertThat(anonymous.has("environments")).isFalse();

    JsonNode known = Served.tree(served.get("/health", "Authorization", "Token " + TOKEN).body());
    assertThat(known.get("environments").asInt()).isEqualTo(1);
  }

  @Test
  void graphiqlLoadsWithoutTheTokenAndAsksForIt() {
    HttpResponse<String> page = served.get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Authorization").doesNotContain(TOKEN);
  }

  @Test
  void theTokenNeverReachesTheLog() {
    served.post("/graphql", QUERY, "Authorization", "Bearer " + TOKEN);

    assertThat(served.log).isNotEmpty().noneMatch(line -> line.contains(TOKEN));
    assertThat(served.server.options().toString()).doesNotContain(TOKEN);
  }
}
