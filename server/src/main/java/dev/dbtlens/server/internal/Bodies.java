package dev.dbtlens.server.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies up to a limit. */
final class Bodies {
  private Bodies() {}

  /** The body is larger than the limit. */
  static final class TooLarge extends Exception {
    TooLarge(String message) {
      super(message);
    }
  }

  /**
   * @param exchange the request
   * @param limit the most bytes accepted
   * @return the body
   * @throws TooLarge if {@code Content-Length} or the body itself exceeds the limit
   */
  static byte[] read(HttpExchange exchange, int limit) throws IOException, TooLarge {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && declaredLength(length) > limit) {
      throw new TooLarge(tooLarge(limit));
    }
    InputStream in = exchange.getRequestBody();
    byte[] body = in.readNBytes(limit + 1);
    if (body.length > limit) {
      throw new TooLarge(tooLarge(limit));
    }
    return body;
  }

  private static long declaredLength(String header) {
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1; // the HTTP server has refused it already
    }
  }

  private static String tooLarge(int limit) {
    return "The body is larger than " + limit + " bytes (the server's --max-body).";
  }
}
