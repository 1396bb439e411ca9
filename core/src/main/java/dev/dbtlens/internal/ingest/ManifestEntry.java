package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;

/**
 * One manifest entry streamed from the parser into its compact JSON text, without building a tree:
 * each top-level field's byte span is recorded, so that the content hash, the JSON text of a field
 * and the whole entry's text are slices of one buffer, and a field is parsed into a tree only when
 * it is read (which happens only for definitions new to the database).
 *
 * <p>The buffer holds exactly what Jackson would write for the entry's tree without its compiled
 * code; the content hash is the SHA-256 of the same text without the {@link #VOLATILE} fields,
 * the same bytes as the serialised tree without them.
 *
 * <p>One instance is reused for every entry of a manifest; not thread-safe.
 */
final class ManifestEntry {
  /** Keys that change between parses without the definition changing, or that are compiled output. */
  static final Set<String> VOLATILE = Set.of(
      "created_at", "compiled", "compiled_code", "compiled_sql", "extra_ctes_injected", "extra_ctes",
      "compiled_path", "build_path", "deferred", "injected_sql", "wrapped_sql", "root_path",
      "_event_status", "_pre_injected_sql", "defer_relation");

  /** Compiled output, kept out of the entry's text (compiled code is stored apart). */
  private static final Set<String> NOT_RAW = Set.of("compiled_code", "compiled_sql", "injected_sql",
      "wrapped_sql");

  private static final ObjectReader TREE = Json.MAPPER.readerFor(JsonNode.class);

  private final Buffer out = new Buffer();
  private final JsonGenerator gen;
  private final MessageDigest digest = Hashing.sha256();

  private int fields;
  private String[] names = new String[64];
  private int[] starts = new int[64];
  private int[] valueStarts = new int[64];
  private int[] ends = new int[64];
  private JsonToken[] tokens = new JsonToken[64];
  private JsonNode[] parsed = new JsonNode[64];
  private boolean hasUniqueId;
  private String uniqueId;
  private String compiledCode;
  private String compiledSql;

  ManifestEntry() {
    try {
      gen = Json.FACTORY.createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    gen.setRootValueSeparator(null);
  }

  /**
   * Reads the object the parser is on (its START_OBJECT) to its end.
   *
   * @param path the entry's JSON path, for errors
   */
  void read(JsonParser p, String path, Reading reading) throws IOException {
    read(p, path, reading, null);
  }

  /**
   * Reads the object the parser is on (its START_OBJECT) to its end, telling {@code keyed} its
   * top-level fields as they are read so that it computes the entry's source key in the same pass
   * ({@link EntryScan#begin}, which the caller has called).
   *
   * @param path the entry's JSON path, for errors
   * @param keyed the scan to tell, or null
   */
  void read(JsonParser p, String path, Reading reading, EntryScan keyed) throws IOException {
    gen.flush();
    out.reset();
    Arrays.fill(parsed, 0, fields, null);
    fields = 0;
    hasUniqueId = false;
    uniqueId = null;
    compiledCode = null;
    compiledSql = null;
    gen.writeStartObject();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (keyed != null) {
        keyed.field(name, p);
      }
      JsonToken t = p.nextToken();
      if (NOT_RAW.contains(name)) {
        if (name.equals("compiled_code")) {
          compiledCode = scalarText(p, t);
        } else if (name.equals("compiled_sql")) {
          compiledSql = scalarText(p, t);
        }
        p.skipChildren();
        continue;
      }
      if (name.equals("unique_id")) {
        hasUniqueId = true;
        if (t == JsonToken.VALUE_STRING) {
          uniqueId = p.getText();
        } else if (t == JsonToken.VALUE_NULL) {
          uniqueId = null;
        } else {
          throw reading.error(Json.child(path, "unique_id"), "expected a string, found "
              + Parsing.describe(t));
        }
      }
      if (fields == names.length) {
        grow();
      }
      starts[fields] = position();
      gen.writeFieldName(name);
      valueStarts[fields] = position();
      gen.copyCurrentStructure(p);
      ends[fields] = position();
      names[fields] = name;
      tokens[fields] = t;
      fields++;
    }
    if (keyed != null) {
      keyed.end(p);
    }
    gen.writeEndObject();
    gen.flush();
    byte[] buf = out.array();
    for (int i = 0; i < fields; i++) {
      if (buf[valueStarts[i]] == ':') {
        valueStarts[i]++; // the generator writes the separator with the value
      }
    }
  }

  /** @return bytes written so far, flushed or still in the generator's buffer */
  private int position() {
    return out.size() + gen.getOutputBuffered();
  }

  private static String scalarText(JsonParser p, JsonToken t) throws IOException {
    return t.isScalarValue() && t != JsonToken.VALUE_NULL ? p.getText() : null;
  }

  private void grow() {
    int n = names.length * 2;
    names = Arrays.copyOf(names, n);
    starts = Arrays.copyOf(starts, n);
    valueStarts = Arrays.copyOf(valueStarts, n);
    ends = Arrays.copyOf(ends, n);
    tokens = Arrays.copyOf(tokens, n);
    parsed = Arrays.copyOf(parsed, n);
  }

  /** @return whether the entry has a {@code unique_id} key (of any value) */
  boolean hasUniqueId() {
    return hasUniqueId;
  }

  /** @return the entry's {@code unique_id}, null when absent or null */
  String uniqueId() {
    return uniqueId;
  }

  /** @return {@code compiled_code}, else {@code compiled_sql}, as text; null when neither */
  String compiledCode() {
    return compiledCode != null ? compiledCode : compiledSql;
  }

  /** @return the content hash: 128 bits of SHA-256 of the entry's text without volatile fields */
  String defHash() {
    byte[] buf = out.array();
    digest.update((byte) '{');
    boolean first = true;
    for (int i = 0; i < fields; i++) {
      if (VOLATILE.contains(names[i])) {
        continue;
      }
      int s = starts[i];
      if (buf[s] == ',') {
        s++;
      }
      if (!first) {
        digest.update((byte) ',');
      }
      digest.update(buf, s, ends[i] - s);
      first = false;
    }
    digest.update((byte) '}');
    return Hashing.hex128(digest.digest());
  }

  /** @return the whole entry, without its compiled code, as compact JSON */
  String rawJson() {
    return new String(out.array(), 0, out.size(), StandardCharsets.UTF_8);
  }

  /** @return {@link #rawJson()} as UTF-8 */
  byte[] rawJsonBytes() {
    return Arrays.copyOf(out.array(), out.size());
  }

  private int index(String name) {
    for (int i = 0; i < fields; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** @return whether the entry has the key */
  boolean has(String name) {
    return index(name) >= 0;
  }

  /** @return a top-level field's value as a tree (parsed on first use); null when absent */
  JsonNode get(String name) {
    int i = index(name);
    if (i < 0) {
      return null;
    }
    JsonNode n = parsed[i];
    if (n == null) {
      n = parse(i);
      parsed[i] = n;
    }
    return n;
  }

  /** @return a top-level field's value the way {@link JsonNode#path} would give it */
  JsonNode path(String name) {
    JsonNode n = get(name);
    return n == null ? MissingNode.getInstance() : n;
  }

  /** @return a top-level field's JSON text, as {@link Json#text} would write it; null when absent or null */
  String text(String name) {
    int i = index(name);
    if (i < 0 || tokens[i] == JsonToken.VALUE_NULL) {
      return null;
    }
    return new String(out.array(), valueStarts[i], ends[i] - valueStarts[i], StandardCharsets.UTF_8);
  }

  /** @return {@link #text(String)} as UTF-8 */
  byte[] textBytes(String name) {
    int i = index(name);
    if (i < 0 || tokens[i] == JsonToken.VALUE_NULL) {
      return null;
    }
    return Arrays.copyOfRange(out.array(), valueStarts[i], ends[i]);
  }

  private JsonNode parse(int i) {
    byte[] buf = out.array();
    int s = valueStarts[i];
    int len = ends[i] - s;
    switch (tokens[i]) {
      case VALUE_NULL:
        return NullNode.getInstance();
      case VALUE_TRUE:
        return BooleanNode.TRUE;
      case VALUE_FALSE:
        return BooleanNode.FALSE;
      case VALUE_STRING:
        if (len >= 2) { // SQL and descriptions have escapes (newlines): decoded without a parser
          String text = unescape(buf, s + 1, ends[i] - 1);
          if (text != null) {
            return TextNode.valueOf(text);
          }
        }
        break;
      default:
        break;
    }
    try {
      return TREE.readValue(buf, s, len);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the buffer was written by Jackson: cannot happen
    }
  }

  /**
   * Decodes the inside of a JSON string as Jackson's generator wrote it (UTF-8, with JSON's
   * escapes). A backslash never occurs inside a multi-byte UTF-8 sequence, so the runs between
   * escapes decode on their own; {@code \\uXXXX} escapes of a surrogate pair give its two chars.
   *
   * @return the text, or null for an escape JSON does not define (the caller then parses)
   */
  static String unescape(byte[] buf, int from, int to) {
    StringBuilder out = null;
    int run = from;
    for (int i = from; i < to; i++) {
      if (buf[i] != '\\') {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(to - from);
      }
      out.append(new String(buf, run, i - run, StandardCharsets.UTF_8));
      if (i + 1 >= to) {
        return null;
      }
      byte e = buf[++i];
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case '"', '\\', '/' -> out.append((char) e);
        case 'u' -> {
          if (i + 4 >= to) {
            return null;
          }
          int c = 0;
          for (int k = 1; k <= 4; k++) {
            int d = Character.digit(buf[i + k], 16);
            if (d < 0) {
              return null;
            }
            c = c * 16 + d;
          }
          out.append((char) c);
          i += 4;
        }
        default -> {
          return null;
        }
      }
      run = i + 1;
    }
    if (out == null) {
      return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }
    return out.append(new String(buf, run, to - run, StandardCharsets.UTF_8)).toString();
  }

  /** A byte buffer whose array can be read without copying. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(1 << 16);
    }

    byte[] array() {
      return buf;
    }
  }
}
