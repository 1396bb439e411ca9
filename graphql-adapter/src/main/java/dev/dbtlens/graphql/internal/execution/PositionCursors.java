package dev.dbtlens.graphql.internal.execution;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Cursors of connections paged by position in a computed list (search hits, public models): the
 * base64 of a prefix naming the connection and the position after the edge, opaque to clients.
 */
public final class PositionCursors {
  private PositionCursors() {
  }

  /**
   * @param prefix names the connection, e.g. {@code search|}
   * @param position the number of edges up to and including this one
   * @return the cursor
   */
  public static String encode(String prefix, int position) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((prefix + position).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param prefix the connection's prefix
   * @param after a cursor from an earlier page, or null
   * @param field the connection's field, for the error message
   * @return the edges to skip: 0 without a cursor
   * @throws IllegalArgumentException if the cursor is not one of this connection's
   */
  public static int decode(String prefix, String after, String field) {
    if (after == null) {
      return 0;
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
      if (plain.startsWith(prefix)) {
        int n = Integer.parseInt(plain.substring(prefix.length()));
        if (n >= 0) {
          return n;
        }
      }
    } catch (RuntimeException e) {
      // not base64, or not a number: the same answer as a cursor of another connection
    }
    throw new IllegalArgumentException("Invalid cursor '" + after + "' for '" + field
        + "': pass the cursor or endCursor of an earlier page unchanged.");
  }
}
