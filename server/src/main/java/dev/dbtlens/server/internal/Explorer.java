package dev.dbtlens.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * GraphiQL, the explorer the hosted Discovery API offers: a page and the scripts and styles it
 * loads, all from the jar (GraphiQL and React are copied from their WebJars at build time), never
 * from a CDN. The page holds no data; queries it sends go through {@code POST /graphql} like any
 * other client's, with the token the user types into its Headers tab.
 */
final class Explorer {
  static final String ASSETS = "/assets/";
  private static final String RESOURCES = "assets/";
  private static final Pattern ASSET = Pattern.compile("(graphiql|react|react-dom|dbtlens)/[A-Za-z0-9_.-]+");
  private static final Map<String, String> TYPES = Map.of(
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "html", "text/html; charset=utf-8");
  /** Only the server's own scripts; styles inline too, as GraphiQL sets style attributes. */
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'"
      + " 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self';"
      + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final byte[] page;

  /**
   * @param title what the page's title says (the database)
   * @param tokenRequired whether to pre-fill GraphiQL's Headers tab with an Authorization header to complete
   */
  Explorer(String title, boolean tokenRequired) {
    String html = new String(resource("dbtlens/index.html"), StandardCharsets.UTF_8)
        .replace("{{title}}", escape(title))
        .replace("{{headers}}", tokenRequired ? escape("{\"Authorization\": \"Bearer <token>\"}") : "");
    this.page = html.getBytes(StandardCharsets.UTF_8);
  }

  Response page() {
    return withSecurityHeaders(new Response(200, TYPES.get("html"), page, Map.of(), null));
  }

  /** @param path the request path, starting with {@link #ASSETS} */
  Response asset(String path) {
    String name = path.substring(ASSETS.length());
    if (!ASSET.matcher(name).matches()) {
      return Response.error(404, "NOT_FOUND", "No such file: " + path);
    }
    byte[] body = resourceOrNull(name);
    if (body == null) {
      return Response.error(404, "NOT_FOUND", "No such file: " + path);
    }
    String ext = name.substring(name.lastIndexOf('.') + 1);
    return withSecurityHeaders(new Response(200, TYPES.getOrDefault(ext, "text/plain; charset=utf-8"),
        body, Map.of(), null));
  }

  private static Response withSecurityHeaders(Response r) {
    return r.withHeader("Content-Security-Policy", CSP)
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Cache-Control", "no-cache");
  }

  private static byte[] resource(String name) {
    byte[] b = resourceOrNull(name);
    if (b == null) {
      throw new IllegalStateException("missing resource dev/dbtlens/server/internal/" + RESOURCES + name);
    }
    return b;
  }

  private static byte[] resourceOrNull(String name) {
    try (InputStream in = Explorer.class.getResourceAsStream(RESOURCES + name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
