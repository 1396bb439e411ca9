package dev.dbtlens.graphql.internal.node;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque keyset cursor: the row's sort key and unique id, base64url-encoded. Stable across pages
 * (no offsets), so a page walk sees every node once even when pages are asked for later.
 *
 * @param sortKey the row's sort key
 * @param uniqueId the row's unique id
 */
public record Cursor(double sortKey, String uniqueId) {
  private static final String PREFIX = "v1|";

  public String encode() {
    String plain = PREFIX + Double.toString(sortKey) + "|" + uniqueId;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param text a cursor from an earlier page
   * @return the decoded cursor
   * @throws IllegalArgumentException if the text is not a cursor this schema made
   */
  public static Cursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      if (!plain.startsWith(PREFIX)) {
        throw new IllegalArgumentException("bad prefix");
      }
      int bar = plain.indexOf('|', PREFIX.length());
      return new Cursor(Double.parseDouble(plain.substring(PREFIX.length(), bar)),
          plain.substring(bar + 1));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid cursor '" + text
          + "': pass the cursor or endCursor of an earlier page unchanged.", e);
    }
  }
}
