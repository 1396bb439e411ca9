package dev.dbtlens.server.internal;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The token check: {@code Authorization: Bearer T} or {@code Authorization: Token T}, the two forms
 * Discovery API clients send. The comparison takes the same time whatever the token given: both
 * sides are hashed and the digests compared with {@link MessageDigest#isEqual}.
 */
final class Auth {
  private final byte[] expected;

  /** @param token the token requests must carry, or null to let every request in */
  Auth(String token) {
    this.expected = token == null ? null : sha256(token);
  }

  boolean required() {
    return expected != null;
  }

  /** @return true if no token is required or the request carries it */
  boolean allows(HttpExchange exchange) {
    if (expected == null) {
      return true;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    String given = credentials(header);
    return given != null && MessageDigest.isEqual(expected, sha256(given));
  }

  static Response denied() {
    return Response.error(401, "UNAUTHENTICATED",
        "A token is required: send 'Authorization: Bearer <token>' (or 'Token <token>').")
        .withHeader("WWW-Authenticate", "Bearer realm=\"dbtlens\"");
  }

  private static String credentials(String header) {
    if (header == null) {
      return null;
    }
    String h = header.strip();
    int space = h.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String scheme = h.substring(0, space).toLowerCase(Locale.ROOT);
    if (!scheme.equals("bearer") && !scheme.equals("token")) {
      return null;
    }
    return h.substring(space + 1).strip();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
