package dev.dbtlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GraphiQL's page and every file it loads come from the server itself. */
class ExplorerTest {
  private static final Pattern SRC = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

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

  @Test
  void theRootServesGraphiql() {
    HttpResponse<String> r = served.get("/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).contains("script-src 'self'"));
    assertThat(r.body()).contains("<div id=\"graphiql\"", "graphiql.min.js", "shop.duckdb");
  }

  @Test
  void aBrowserOpeningTheGraphqlPathGetsGraphiqlToo() {
    HttpResponse<String> r = served.get("/graphql", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("graphiql.min.js");
  }

  @Test
  void everyScriptAndStyleThePageLoadsIsServedFromTheJar() {
    List<String> urls = assets(served.get("/").body()).stream().filter(u -> !u.startsWith("data:")).toList();

    assertThat(urls).hasSize(6).allMatch(u -> u.startsWith("/assets/"));
    for (String url : urls) {
      HttpResponse<String> r = served.get(url);
      assertThat(r.statusCode()).as(url).isEqualTo(200);
      String type = url.endsWith(".js") ? "text/javascript" : "text/css";
      assertThat(r.headers().firstValue("Content-Type")).as(url).hasValueSatisfying(t -> assertThat(t).startsWith(type));
    }
    assertThat(served.get("/assets/graphiql/graphiql.min.js").body()).hasSizeGreaterThan(100_000).contains("GraphiQL");
    assertThat(served.get("/assets/react/react.production.min.js").body()).contains("React");
  }

  @Test
  void theBundledLibrariesCarryTheirLicences() {
    for (String lib : List.of("graphiql", "react", "react-dom")) {
      HttpResponse<String> r = served.get("/assets/" + lib + "/LICENSE");
      assertThat(r.statusCode()).as(lib).isEqualTo(200);
      assertThat(r.body()).contains("MIT License");
    }
  }

  @Test
  void nothingElseIsServedFromTheAssets() {
    assertThat(served.get("/assets/graphiql/nope.js").statusCode()).isEqualTo(404);
    assertThat(served.get("/assets/version.properties").statusCode()).isEqualTo(404);
    assertThat(served.get("/assets/graphiql/..%2F..%2Fversion.properties").statusCode()).isEqualTo(404);
    assertThat(served.get("/assets/").statusCode()).isEqualTo(404);
  }

  static List<String> assets(String html) {
    Matcher m = SRC.matcher(html);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
