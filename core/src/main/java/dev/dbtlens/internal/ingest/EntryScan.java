package dev.dbtlens.internal.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.dbtlens.internal.dbt.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A manifest entry read by a token scan only, for its <em>source key</em>: 128 bits of SHA-256 of
 * the file's own bytes of the entry, its map key and every top-level field but {@link #UNKEYED}.
 * The scan neither decodes nor copies the entry, so an entry whose key the database already knows
 * ({@link SourceKeys}) costs about what tokenising it costs; any other is parsed again from the same
 * bytes ({@link #reparse}). Where no key is known (a first ingest into an environment), nothing can
 * be recognised: each entry is then parsed once and keyed in the same pass ({@link #begin}).
 *
 * <p>Equal keys mean equal bytes of every field the content hash and the compiled code's hash are
 * computed from, hence equal hashes. The bytes are those dbt wrote (its separators, its escapes), so
 * a key is not a content hash: the same entry written differently has another key and is merely
 * parsed again.
 *
 * <p>One instance is reused for every entry of a manifest; not thread-safe.
 */
final class EntryScan {
  /**
   * Top-level fields left out of the key: those that change between parses of an unchanged project
   * ({@link ManifestEntry#VOLATILE}, e.g. {@code created_at}) except the compiled code, which the key
   * must cover because the entry's compiled-code hash is known by its key too.
   */
  static final Set<String> UNKEYED;

  static {
    Set<String> s = new HashSet<>(ManifestEntry.VOLATILE);
    s.removeAll(Set.of("compiled_code", "compiled_sql"));
    UNKEYED = Set.copyOf(s);
  }

  private final MessageDigest digest = Hashing.sha256();
  private String[] names = new String[64];
  private long[] offsets = new long[64];
  private int fields;
  private String key;
  private RecordingStream tap;
  private long start;
  private long end;
  private JsonToken uniqueIdToken;
  private String uniqueId;
  private long keyHi;
  private long keyLo;

  /**
   * Scans the object the parser is on (its START_OBJECT) to its end, keeping its bytes in {@code
   * tap} (the caller releases them), and computes its key.
   *
   * @param key the entry's key in its group (its unique id, normally)
   */
  void scan(JsonParser p, String key, RecordingStream tap) throws IOException {
    begin(p, key, tap);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      field(name, p);
      JsonToken t = p.nextToken();
      if (name.equals("unique_id")) {
        uniqueIdToken = t;
        uniqueId = t == JsonToken.VALUE_STRING ? p.getText() : null;
      }
      p.skipChildren();
    }
    end(p);
  }

  /**
   * Starts keying the object the parser is on (its START_OBJECT) as another reader reads it: that
   * reader calls {@link #field} at each top-level field name and {@link #end} at its END_OBJECT, as
   * {@link ManifestEntry#read} does when an entry is parsed without being scanned first. Keeps its
   * bytes in {@code tap} (the caller releases them).
   *
   * @param key the entry's key in its group (its unique id, normally)
   */
  void begin(JsonParser p, String key, RecordingStream tap) {
    start = p.currentTokenLocation().getByteOffset();
    if (start < 0) {
      throw new IllegalStateException("the parser gives no byte offsets");
    }
    tap.keepFrom(start);
    this.key = key;
    this.tap = tap;
    fields = 0;
    uniqueIdToken = null;
    uniqueId = null;
  }

  /** The parser is on the FIELD_NAME of the top-level field {@code name}. */
  void field(String name, JsonParser p) {
    if (fields == names.length) {
      names = Arrays.copyOf(names, fields * 2);
      offsets = Arrays.copyOf(offsets, fields * 2);
    }
    names[fields] = name;
    offsets[fields] = p.currentTokenLocation().getByteOffset();
    fields++;
  }

  /** The parser is on the object's END_OBJECT: computes the key. */
  void end(JsonParser p) {
    end = p.currentTokenLocation().getByteOffset();
    hash(key, tap.array(), tap.index(start));
    tap = null;
  }

  private void hash(String key, byte[] bytes, int startIndex) {
    digest.update(key.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    long from = -1; // the start of a run of keyed fields, hashed in one update
    for (int i = 0; i <= fields; i++) {
      boolean keyed = i < fields && !UNKEYED.contains(names[i]);
      if (keyed && from < 0) {
        from = offsets[i];
      } else if (!keyed && from >= 0) {
        long to = i < fields ? offsets[i] : end;
        digest.update(bytes, startIndex + (int) (from - start), (int) (to - from));
        from = -1;
      }
    }
    ByteBuffer d = ByteBuffer.wrap(digest.digest());
    keyHi = d.getLong(0);
    keyLo = d.getLong(8);
  }

  long keyHi() {
    return keyHi;
  }

  long keyLo() {
    return keyLo;
  }

  /** @return whether the entry has a {@code unique_id} key (of any value) */
  boolean hasUniqueId() {
    return uniqueIdToken != null;
  }

  /** @return the entry's {@code unique_id}, null when absent or not a string */
  String uniqueId() {
    return uniqueId;
  }

  /**
   * @return whether the entry's {@code unique_id} is absent, null or a string, as {@link
   *     ManifestEntry#read} requires (it names the error otherwise)
   */
  boolean regular() {
    return uniqueIdToken == null || uniqueIdToken == JsonToken.VALUE_STRING
        || uniqueIdToken == JsonToken.VALUE_NULL;
  }

  /** @return a parser over the entry's bytes, on its START_OBJECT; the caller closes it */
  JsonParser reparse(RecordingStream tap) throws IOException {
    JsonParser p = Json.FACTORY.createParser(tap.array(), tap.index(start), (int) (end - start + 1));
    p.nextToken();
    return p;
  }
}
