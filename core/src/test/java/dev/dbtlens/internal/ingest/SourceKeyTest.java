package dev.dbtlens.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.internal.dbt.Json;
import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.internal.store.Store;
import dev.dbtlens.testdata.Samples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source keys: what they cover and what they leave out, the bytes they are read from, and the
 * loader's use of them: a re-run of an unchanged project parses no entry, a changed entry is parsed.
 */
class SourceKeyTest {
  private static final String ENTRY = "{\"unique_id\": \"model.p.a\", \"created_at\": 1700000000.5,"
      + " \"description\": \"A\", \"root_path\": \"/home/ci/1\", \"compiled_code\": \"select 1\","
      + " \"config\": {\"materialized\": \"view\"}}";

  @TempDir Path tmp;

  @Test
  void keyCoversTheDefinitionAndCompiledCodeButNotWhatChangesEveryParse() throws IOException {
    long[] base = key("model.p.a", ENTRY);
    assertThat(key("model.p.a", ENTRY.replace("1700000000.5", "1800000000.25"))).isEqualTo(base);
    assertThat(key("model.p.a", ENTRY.replace("/home/ci/1", "/builds/7"))).isEqualTo(base);
    assertThat(key("model.p.a", ENTRY.replace("\"A\"", "\"B\""))).isNotEqualTo(base);
    assertThat(key("model.p.a", ENTRY.replace("select 1", "select 2"))).isNotEqualTo(base);
    assertThat(key("model.p.a", ENTRY.replace("view", "table"))).isNotEqualTo(base);
    assertThat(key("model.p.b", ENTRY)).as("the map key").isNotEqualTo(base);
    // the key is of bytes: the same entry written otherwise is another key (and is parsed again)
    assertThat(key("model.p.a", ENTRY.replace("\"A\",", "\"A\" ,"))).isNotEqualTo(base);
  }

  @Test
  void keyOfTheLastFieldAndOfAnEntryWithoutUnkeyedFields() throws IOException {
    String plain = "{\"unique_id\":\"x\",\"description\":\"d\"}";
    assertThat(key("x", plain)).isNotEqualTo(key("x", plain.replace("\"d\"", "\"e\"")));
    String volatileLast = "{\"unique_id\":\"x\",\"created_at\":1}";
    assertThat(key("x", volatileLast)).isEqualTo(key("x", volatileLast.replace(":1}", ":2}")))
        .isEqualTo(key("x", "{\"unique_id\":\"x\",\"created_at\":3.5}"));
  }

  /** A first ingest has no key to recognise: it keys each entry in the pass that parses it. */
  @Test
  void keyComputedWhileReadingIsTheScansKey() throws IOException {
    String big = ENTRY.replace("\"A\"", "\"" + "y".repeat(3 * RecordingStream.TAIL) + "\"");
    String volatileLast = "{\"unique_id\":\"x\",\"created_at\":1}";
    for (String entry : List.of(ENTRY, big, volatileLast, "{}")) {
      assertThat(key("model.p.a", entry, true)).as(entry).isEqualTo(key("model.p.a", entry, false));
    }
    assertThat(key("model.p.a", ENTRY, true)).isNotEqualTo(key("model.p.a", big, true));
  }

  @Test
  void anEntryLargerThanTheWindowIsKeptWhole() throws IOException {
    String big = "x".repeat(5 * RecordingStream.TAIL);
    String json = "{\"g\": {\"k\": {\"unique_id\": \"k\", \"raw_code\": \"" + big + "\"}}}";
    RecordingStream tap = new RecordingStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    try (JsonParser p = Json.FACTORY.createParser(tap)) {
      p.nextToken();
      p.nextToken();
      p.nextToken();
      p.nextToken();
      p.nextToken();
      EntryScan scan = new EntryScan();
      scan.scan(p, "k", tap);
      assertThat(scan.uniqueId()).isEqualTo("k");
      try (JsonParser slice = scan.reparse(tap)) {
        ManifestEntry entry = new ManifestEntry();
        entry.read(slice, "$.g.k", new Reading(Path.of("m.json"), "v12"));
        assertThat(entry.get("raw_code").textValue()).isEqualTo(big);
      }
      tap.release();
    }
  }

  @Test
  void bytesBeforeTheTailCannotBeKept() throws IOException {
    byte[] bytes = new byte[8 * RecordingStream.TAIL];
    RecordingStream tap = new RecordingStream(new ByteArrayInputStream(bytes));
    byte[] buf = new byte[8000];
    while (tap.read(buf, 0, buf.length) > 0) {
      // read it all
    }
    assertThatThrownBy(() -> tap.keepFrom(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no longer held");
    tap.keepFrom(bytes.length - RecordingStream.TAIL);
    assertThat(tap.index(bytes.length - 1)).isGreaterThanOrEqualTo(RecordingStream.TAIL - 1);
  }

  /**
   * The sample's first build (Jackson's compact JSON) and Tuva's manifest written by dbt 1.7.8 (dbt's
   * own separators; checked when {@code ../shared} is there, and always under {@code CI=true}):
   * re-run with every {@code created_at} moved, no entry is parsed and no definition is added;
   * with one description changed, exactly that entry is parsed and its definition added.
   */
  @Test
  void loaderParsesOnlyEntriesWhoseKeyIsUnknown() throws Exception {
    Path shop = Samples.extractShopSample(tmp.resolve("shop"));
    check(shop.resolve("001-build").resolve("manifest.json"), 278); // entries counted with jq
    Path real = Path.of(System.getProperty("dbtlens.artifacts", "../shared/dbt-artifacts"))
        .resolve("tuva").resolve("manifest-v11_dbt-1.7.8_41072bf5").resolve("manifest.json");
    if (Files.isRegularFile(real) || "true".equals(System.getenv("CI"))) {
      check(real, 1008);
    }
  }

  private void check(Path manifest, long expectedEntries) throws Exception {
    String text = Files.readString(manifest);
    Path dir = Files.createTempDirectory(tmp, "run");
    Path db = dir.resolve("lens.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(IngestOptions.defaults().withEnvironment("prod").withDerive(false), List.of(manifest));
    }
    String rerun = moveCreatedAt(newInvocation(text));
    Matcher description = Pattern.compile("\"description\": ?\"").matcher(rerun);
    assertThat(description.find()).isTrue();
    String changed = rerun.substring(0, description.end()) + "changed: " + rerun.substring(description.end());
    try (Store store = Store.open(db, false)) {
      DuckDBConnection conn = store.connection();
      conn.setAutoCommit(false);
      long stored = Sql.count(conn, "SELECT count(*) FROM store.snapshot_member WHERE source_key_hi IS NOT NULL");
      if (expectedEntries >= 0) {
        assertThat(stored).isEqualTo(expectedEntries);
      }
      ManifestLoader.Result r = load(conn, dir.resolve("rerun.json"), rerun);
      assertThat(r.entriesParsed()).isZero();
      assertThat(r.definitionsAdded()).isZero();
      assertThat(r.members()).isEqualTo(stored);
      conn.rollback();
      ManifestLoader.Result c = load(conn, dir.resolve("changed.json"), changed);
      assertThat(c.entriesParsed()).isEqualTo(1);
      assertThat(c.definitionsAdded()).isEqualTo(1);
      assertThat(c.snapshotId()).isNotEqualTo(r.snapshotId());
      conn.rollback();
      conn.setAutoCommit(true);
    }
  }

  private static ManifestLoader.Result load(DuckDBConnection conn, Path file, String text) throws Exception {
    Files.writeString(file, text);
    Reading reading = new Reading(file, "v12");
    try (InputStream in = Files.newInputStream(file);
        RecordingStream tap = new RecordingStream(in);
        JsonParser p = Json.FACTORY.createParser(tap)) {
      return new ManifestLoader(conn, reading).load(p, tap, "prod",
          new ReadAhead.Relay(dev.dbtlens.ProgressListener.NONE));
    }
  }

  private static String newInvocation(String text) {
    return text.replaceFirst("\"invocation_id\": ?\"[^\"]*\"", "\"invocation_id\": \"rerun-1\"");
  }

  private static String moveCreatedAt(String text) {
    Matcher m = Pattern.compile("(\"created_at\": ?)([0-9.e+]+)").matcher(text);
    StringBuilder out = new StringBuilder();
    int n = 0;
    while (m.find()) {
      m.appendReplacement(out, m.group(1) + (1900000000 + n++));
    }
    m.appendTail(out);
    assertThat(n).isGreaterThan(10);
    return out.toString();
  }

  private static long[] key(String mapKey, String entry) throws IOException {
    return key(mapKey, entry, false);
  }

  /** @param whileReading keyed as a first ingest keys it, while {@link ManifestEntry} reads it */
  private static long[] key(String mapKey, String entry, boolean whileReading) throws IOException {
    String json = "{\"" + mapKey + "\": " + entry + "}";
    RecordingStream tap = new RecordingStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    try (JsonParser p = Json.FACTORY.createParser(tap)) {
      p.nextToken();
      p.nextToken();
      p.nextToken();
      EntryScan scan = new EntryScan();
      if (whileReading) {
        scan.begin(p, mapKey, tap);
        new ManifestEntry().read(p, "$.g.k", new Reading(Path.of("m.json"), "v12"), scan);
      } else {
        scan.scan(p, mapKey, tap);
      }
      tap.release();
      return new long[] {scan.keyHi(), scan.keyLo()};
    }
  }
}
