package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The streamed entry gives the same content hash, texts and field values as the entry's tree
 * serialised by Jackson (how definitions were hashed before), on every real manifest, read as the
 * loader reads it: scanned for its source key, then parsed again from the file's bytes.
 */
class ManifestEntryTest {
  private static final List<String> COMPILED = List.of("compiled_code", "compiled_sql", "injected_sql",
      "wrapped_sql");

  @Test
  void stringsDecodeAsJacksonDecodesThem() throws IOException {
    for (String text : List.of("", "plain", "select *\n  from {{ ref('a') }}\twhere x = \"y\"",
        "back\\slash / and \b\f\r", "caf\u00e9 \u20ac \uD83D\uDE00 \u0001 \u001f", "\u00e9\n",
        "\\", "ends with escape\n")) {
      byte[] json = Json.MAPPER.writeValueAsBytes(text);
      assertThat(ManifestEntry.unescape(json, 1, json.length - 1)).as(text)
          .isEqualTo(Json.MAPPER.readValue(json, String.class)).isEqualTo(text);
    }
    byte[] slash = "a\\/b\\u00E9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(ManifestEntry.unescape(slash, 0, slash.length)).isEqualTo("a/b\u00e9");
    for (String bad : List.of("a\\", "\\x", "\\u12", "\\u12g4")) {
      byte[] b = bad.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(ManifestEntry.unescape(b, 0, b.length)).as(bad).isNull();
    }
  }

  @Test
  void sameHashTextsAndFieldsAsTheTree() throws IOException {
    Path root = Path.of(System.getProperty("dbtlens.artifacts", "../shared/dbt-artifacts"))
        .toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(root), "no shared artifacts at " + root);
    List<Path> manifests;
    try (Stream<Path> walk = Files.walk(root)) {
      manifests = walk.filter(p -> p.getFileName().toString().equals("manifest.json")).sorted().toList();
    }
    assertThat(manifests).isNotEmpty();
    long entries = 0;
    for (Path m : manifests) {
      entries += check(m);
    }
    assertThat(entries).isGreaterThan(1000);
  }

  private static long check(Path file) throws IOException {
    Reading reading = new Reading(file, null);
    ManifestEntry entry = new ManifestEntry();
    EntryScan scan = new EntryScan();
    Set<String> keys = new HashSet<>();
    long n = 0;
    try (RecordingStream tap = new RecordingStream(new BufferedInputStream(Files.newInputStream(file)));
        JsonParser p = Json.FACTORY.createParser(tap);
        JsonParser q = Json.FACTORY.createParser(file.toFile())) {
      p.nextToken();
      q.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        q.nextToken();
        JsonToken t = p.nextToken();
        q.nextToken();
        if (t != JsonToken.START_OBJECT || !ManifestLoaderGroups.isGroup(p.currentName())) {
          p.skipChildren();
          q.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          q.nextToken();
          String key = p.currentName();
          if (p.nextToken() != JsonToken.START_OBJECT) {
            q.nextToken();
            p.skipChildren();
            q.skipChildren();
            continue;
          }
          q.nextToken();
          ObjectNode tree = q.readValueAsTree();
          scan.scan(p, key, tap);
          try (JsonParser slice = scan.reparse(tap)) {
            entry.read(slice, "$['" + key + "']", reading);
            assertThat(slice.nextToken()).as("after the entry").isNull();
          }
          tap.release();
          compare(file + " " + key, tree, entry);
          assertThat(scan.uniqueId()).isEqualTo(entry.uniqueId());
          assertThat(keys.add(scan.keyHi() + "/" + scan.keyLo())).as("a key of its own: " + key).isTrue();
          n++;
        }
        q.nextToken(); // the group's END_OBJECT
      }
    }
    return n;
  }

  private static void compare(String where, ObjectNode tree, ManifestEntry entry) throws IOException {
    ObjectNode hashed = tree.deepCopy();
    hashed.remove(ManifestEntry.VOLATILE);
    String expected = Hashing.hex128(Hashing.sha256().digest(Json.MAPPER.writeValueAsBytes(hashed)));
    assertThat(entry.defHash()).as(where).isEqualTo(expected);
    ObjectNode raw = tree.deepCopy();
    raw.remove(COMPILED);
    assertThat(entry.rawJson()).as(where).isEqualTo(Json.text(raw));
    JsonNode id = tree.get("unique_id");
    assertThat(entry.uniqueId()).as(where).isEqualTo(id == null || id.isNull() ? null : id.textValue());
    String compiled = Json.scalar(tree.get("compiled_code"));
    assertThat(entry.compiledCode()).as(where)
        .isEqualTo(compiled != null ? compiled : Json.scalar(tree.get("compiled_sql")));
    for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      assertThat(entry.get(f.getKey())).as(where + " " + f.getKey()).isEqualTo(f.getValue());
      assertThat(entry.text(f.getKey())).as(where + " " + f.getKey()).isEqualTo(Json.text(f.getValue()));
    }
  }

  /** The groups ManifestLoader reads entries from. */
  private static final class ManifestLoaderGroups {
    static boolean isGroup(String name) {
      return !name.equals("metadata") && !name.equals("parent_map") && !name.equals("child_map")
          && !name.equals("group_map") && !name.equals("selectors") && !name.equals("disabled")
          && !name.equals("docs");
    }
  }
}
