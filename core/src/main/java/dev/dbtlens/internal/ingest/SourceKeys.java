package dev.dbtlens.internal.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The source keys ({@link EntryScan}) of the entries of an environment's latest manifest, with the
 * content hash and compiled-code hash each stands for: an open-addressing table of longs (50 bytes a
 * slot, at least two slots a key), so that a 300,000-entry manifest's keys take about 50 MB, not the
 * hundreds that boxed keys and hex strings would.
 */
final class SourceKeys {
  private static final HexFormat HEX = HexFormat.of();

  private long[] keys = new long[0];
  private long[] hashes = new long[0];
  private boolean[] used = new boolean[0];
  private boolean[] compiled = new boolean[0];
  private int mask = -1;
  private int size;

  /**
   * Loads the keys stored with the members of the environment's latest manifest (members stored
   * before keys existed have none).
   */
  static SourceKeys load(Connection conn, String environment) throws SQLException {
    SourceKeys k = new SourceKeys();
    long n;
    String members = " FROM store.latest_manifest lm JOIN store.snapshot_member m USING (snapshot_id)"
        + " WHERE lm.environment = ? AND m.source_key_hi IS NOT NULL";
    try (PreparedStatement s = conn.prepareStatement("SELECT count(*)" + members)) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        n = r.getLong(1);
      }
    }
    if (n == 0) {
      return k;
    }
    k.allocate(n);
    try (PreparedStatement s = conn.prepareStatement(
        "SELECT m.source_key_hi, m.source_key_lo, m.def_hash, m.compiled_hash" + members)) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          k.put(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4));
        }
      }
    }
    return k;
  }

  private void allocate(long entries) {
    int slots = Integer.highestOneBit((int) Math.min(1 << 29, Math.max(16, entries * 2)) - 1) << 1;
    keys = new long[2 * slots];
    hashes = new long[4 * slots];
    used = new boolean[slots];
    compiled = new boolean[slots];
    mask = slots - 1;
  }

  private void put(long hi, long lo, String defHash, String compiledHash) {
    if (2L * (size + 1) > used.length) {
      throw new IllegalStateException("more keys than counted");
    }
    int slot = slot(hi, lo);
    if (!used[slot]) {
      size++;
    }
    used[slot] = true;
    keys[2 * slot] = hi;
    keys[2 * slot + 1] = lo;
    hashes[4 * slot] = HEX.fromHexDigitsToLong(defHash, 0, 16);
    hashes[4 * slot + 1] = HEX.fromHexDigitsToLong(defHash, 16, 32);
    compiled[slot] = compiledHash != null;
    if (compiledHash != null) {
      hashes[4 * slot + 2] = HEX.fromHexDigitsToLong(compiledHash, 0, 16);
      hashes[4 * slot + 3] = HEX.fromHexDigitsToLong(compiledHash, 16, 32);
    }
  }

  /** @return the slot holding the key, or the empty slot where it would go */
  private int slot(long hi, long lo) {
    int slot = (int) (lo ^ (lo >>> 32)) & mask;
    while (used[slot] && (keys[2 * slot] != hi || keys[2 * slot + 1] != lo)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** @return the slot of a known key, or -1 */
  int find(long hi, long lo) {
    if (size == 0) {
      return -1;
    }
    int slot = slot(hi, lo);
    return used[slot] ? slot : -1;
  }

  /** @return how many keys are known */
  int size() {
    return size;
  }

  /** @return the content hash of the key in {@code slot}, in hex as stored */
  String defHash(int slot) {
    return HEX.toHexDigits(hashes[4 * slot]) + HEX.toHexDigits(hashes[4 * slot + 1]);
  }

  /** @return the compiled-code hash of the key in {@code slot}, null when it has no compiled code */
  String compiledHash(int slot) {
    return compiled[slot] ? HEX.toHexDigits(hashes[4 * slot + 2]) + HEX.toHexDigits(hashes[4 * slot + 3]) : null;
  }
}
