package dev.dbtlens.internal.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests, and an order-independent hash of a set of members. */
final class Hashing {
  private static final HexFormat HEX = HexFormat.of();

  private Hashing() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the first 128 bits of the digest, in hex: plenty against collisions, half the bytes */
  static String hex128(byte[] digest) {
    return HEX.formatHex(digest, 0, 16);
  }

  static String hex(byte[] digest) {
    return HEX.formatHex(digest);
  }

  /**
   * Accumulates a hash of a set of string tuples whose value does not depend on the order they are
   * added in (a sum of per-member digests modulo 2^128, plus the count).
   */
  static final class SetHash {
    private final MessageDigest digest = sha256();
    private long hi;
    private long lo;
    private long count;

    void add(String... parts) {
      for (String p : parts) {
        digest.update((p == null ? "\u0000null" : p).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      ByteBuffer d = ByteBuffer.wrap(digest.digest());
      long addLo = d.getLong(8);
      long newLo = lo + addLo;
      hi += d.getLong(0) + (Long.compareUnsigned(newLo, lo) < 0 ? 1 : 0);
      lo = newLo;
      count++;
    }

    long count() {
      return count;
    }

    String value() {
      return String.format("%016x%016x-%d", hi, lo, count);
    }
  }
}
