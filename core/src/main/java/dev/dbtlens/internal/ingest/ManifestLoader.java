package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import dev.dbtlens.internal.store.RowSink;
import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.internal.store.TableWriter;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * Streams a manifest one entry at a time. An entry whose source key ({@link EntryScan}) the
 * environment's latest manifest holds is only scanned; any other is parsed, and its definition is
 * recognised by content hash and not written again if already stored (see {@link #loadKnown}). The
 * manifest's set of (node, definition) pairs and its parent_map edges form a snapshot, stored once
 * however many invocations share it.
 */
final class ManifestLoader {
  private static final System.Logger LOG = System.getLogger(ManifestLoader.class.getName());
  /** Top-level keys whose values map unique ids to entries; they must be objects. */
  private static final Set<String> NODE_GROUPS = Set.of("nodes", "sources", "macros", "exposures",
      "metrics", "groups", "semantic_models", "saved_queries", "unit_tests", "functions");
  static final String DIRECT_WRITE_LIMIT_PROPERTY = "dbtlens.ingest.directWriteLimit";
  private static final Set<String> SKIPPED = Set.of("metadata", "child_map", "group_map", "docs", "disabled");

  /**
   * @param snapshotId the snapshot the manifest points to
   * @param definitionsAdded definitions new to the database
   * @param members nodes and macros in the manifest
   * @param edges parent_map pairs
   * @param selectorsJson the manifest's {@code selectors}, as JSON
   * @param entriesParsed entries parsed because their source key was not known (the others were
   *     only scanned)
   */
  record Result(String snapshotId, long definitionsAdded, long members, long edges, String selectorsJson,
      long entriesParsed) {}

  private final DuckDBConnection conn;
  private final Reading reading;
  private final Set<String> knownDefs = new HashSet<>();
  private final Set<String> knownCompiled = new HashSet<>();
  private final Hashing.SetHash content = new Hashing.SetHash();
  private final ManifestEntry entry = new ManifestEntry();
  private final EntryScan scan = new EntryScan();
  private SourceKeys keys = new SourceKeys();
  private long misses;
  private final MessageDigest compiledDigest = Hashing.sha256();
  private long edges;
  private boolean sawParentMap;
  private String selectorsJson;
  private boolean direct;
  private long defsWritten;

  ManifestLoader(DuckDBConnection conn, Reading reading) {
    this.conn = conn;
    this.reading = reading;
  }

  /**
   * @param p the manifest's parser, used by a reading thread until this returns
   * @param tap the stream the parser reads
   * @param environment the environment ingested into
   * @param progress the progress the parser's stream reports to, told on this thread
   */
  Result load(JsonParser p, RecordingStream tap, String environment, ReadAhead.Relay progress)
      throws IOException, SQLException {
    loadKnown(environment);
    Sql.update(conn, "DELETE FROM store.stage_member; DELETE FROM store.stage_edge;"
        + " DELETE FROM store.stage_def; DELETE FROM store.stage_def_column; DELETE FROM store.stage_compiled");
    try (Writers w = new Writers(conn, direct)) {
      new ReadAhead(Writers.TABLES).run("dbtlens-manifest-reader", out -> {
        Parsing.expectRootObject(p, reading);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          reading.member(field);
          p.nextToken();
          topLevel(p, tap, field, out);
        }
      }, w.all(), progress);
      w.finish();
    }
    String duplicate = Sql.first(conn,
        "SELECT unique_id FROM store.stage_member GROUP BY unique_id HAVING count(*) > 1 ORDER BY 1 LIMIT 1");
    if (duplicate != null) {
      throw reading.error("$", "unique_id '" + duplicate + "' is defined more than once");
    }
    String snapshotId = "m" + content.value();
    long members = content.count() - edges;
    if (!storeSnapshot(snapshotId, members) && misses > 0) {
      storeKeys(snapshotId);
    }
    long added = promoteDefinitions();
    LOG.log(System.Logger.Level.DEBUG, () -> reading.file() + ": " + misses + " of " + members
        + " entries parsed, the others recognised by their source key");
    return new Result(snapshotId, added, members, edges, selectorsJson, misses);
  }

  private void topLevel(JsonParser p, RecordingStream tap, String field, ReadAhead w) throws IOException {
    if (SKIPPED.contains(field)) {
      p.skipChildren();
    } else if (field.equals("parent_map") && p.currentToken() != JsonToken.VALUE_NULL) {
      parentMap(p, w);
    } else if (field.equals("selectors")) {
      selectorsJson = Json.text(p.readValueAsTree());
    } else if (p.currentToken() == JsonToken.START_OBJECT) {
      group(p, tap, field, NODE_GROUPS.contains(field), w);
    } else if (NODE_GROUPS.contains(field) && p.currentToken() != JsonToken.VALUE_NULL) {
      Parsing.expectObject(p, reading);
    } else {
      p.skipChildren();
    }
  }

  private void group(JsonParser p, RecordingStream tap, String group, boolean known, ReadAhead w)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        if (known) {
          Parsing.expectObject(p, reading);
        }
        p.skipChildren();
        continue;
      }
      if (keys.size() == 0) {
        readOnce(p, tap, group, key, known, w);
        continue;
      }
      scan.scan(p, key, tap);
      try {
        if (!known && !scan.hasUniqueId()) {
          continue;
        }
        int slot = scan.regular() ? keys.find(scan.keyHi(), scan.keyLo()) : -1;
        if (slot >= 0) {
          String uniqueId = scan.uniqueId() != null ? scan.uniqueId() : key;
          member(uniqueId, keys.defHash(slot), keys.compiledHash(slot), w);
          w.rowDone();
          continue;
        }
        misses++;
        try (JsonParser entryParser = scan.reparse(tap)) {
          entry.read(entryParser, "$." + group + "['" + key + "']", reading);
        }
        entry(key, w);
      } finally {
        tap.release();
      }
    }
  }

  /**
   * Reads an entry when no source key is known (a first ingest into the environment): parsed at once,
   * keyed in the same pass, since a scan first could recognise nothing.
   */
  private void readOnce(JsonParser p, RecordingStream tap, String group, String key, boolean known,
      ReadAhead w) throws IOException {
    scan.begin(p, key, tap);
    try {
      entry.read(p, "$." + group + "['" + key + "']", reading, scan);
      if (known || entry.hasUniqueId()) {
        misses++;
        entry(key, w);
      }
    } finally {
      tap.release();
    }
  }

  private void member(String uniqueId, String defHash, String compiledHash, ReadAhead w) {
    content.add("n", uniqueId, defHash, compiledHash);
    w.table(Writers.MEMBERS).begin().str(uniqueId).str(defHash).str(compiledHash)
        .lng(scan.keyHi()).lng(scan.keyLo()).end();
  }

  /** Records the entry just read as a member; writes its definition and compiled code if new. */
  private void entry(String key, ReadAhead w) {
    String uniqueId = entry.uniqueId() != null ? entry.uniqueId() : key;
    String defHash = entry.defHash();
    String compiledCode = entry.compiledCode();
    String compiledHash = compiledCode == null ? null : Hashing.hex128(
        compiledDigest.digest(compiledCode.getBytes(StandardCharsets.UTF_8)));
    member(uniqueId, defHash, compiledHash, w);
    if (knownDefs.add(defHash)) {
      NodeDefinition def = new NodeDefinition(entry, uniqueId, defHash);
      def.writeDef(w.table(Writers.DEFS));
      def.writeColumns(w.table(Writers.COLUMNS));
      defsWritten++;
    }
    if (compiledHash != null && knownCompiled.add(compiledHash)) {
      w.table(Writers.COMPILED).begin().str(compiledHash).str(compiledCode).end();
    }
    w.rowDone();
  }

  private void parentMap(JsonParser p, ReadAhead w) throws IOException {
    Parsing.expectObject(p, reading);
    sawParentMap = true;
    Set<String> parents = new LinkedHashSet<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String child = p.currentName();
      p.nextToken();
      Parsing.expectArray(p, reading);
      parents.clear();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
          throw reading.error(Json.path(p), "expected a unique_id string, found "
              + Parsing.describe(p.currentToken()));
        }
        parents.add(p.getText());
      }
      for (String parent : parents) {
        content.add("e", parent, child);
        w.table(Writers.EDGES).begin().str(parent).str(child).end();
        edges++;
      }
      w.rowDone();
    }
  }

  /**
   * Collects the hashes of definitions and compiled code already stored. While the database holds
   * at most {@link #directWriteLimit()} of them, all are loaded, so that new ones are known exactly
   * and appended straight to their tables; beyond that, only those of the environment's latest
   * manifest are (to skip most of an unchanged manifest), and the rest go through staging tables
   * whose rows are kept only if absent. In both cases the source keys of the environment's latest
   * manifest are loaded: its entries that are unchanged byte for byte are then only scanned (those
   * keys already skip most of a large database's unchanged manifest, so the latest manifest's hashes
   * are then not loaded as well).
   */
  private void loadKnown(String environment) throws SQLException {
    keys = SourceKeys.load(conn, environment);
    long stored = Sql.count(conn, "SELECT (SELECT count(*) FROM store.node_def)"
        + " + (SELECT count(*) FROM store.compiled)");
    direct = stored <= directWriteLimit();
    if (!direct && keys.size() > 0) {
      return;
    }
    if (direct) {
      load("SELECT def_hash FROM store.node_def", knownDefs);
      load("SELECT compiled_hash FROM store.compiled", knownCompiled);
      return;
    }
    try (PreparedStatement s = conn.prepareStatement("SELECT m.def_hash, m.compiled_hash"
        + " FROM store.latest_manifest lm JOIN store.snapshot_member m USING (snapshot_id)"
        + " WHERE lm.environment = ?")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          knownDefs.add(r.getString(1));
          String c = r.getString(2);
          if (c != null) {
            knownCompiled.add(c);
          }
        }
      }
    }
  }

  private void load(String sql, Set<String> into) throws SQLException {
    try (PreparedStatement s = conn.prepareStatement(sql); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        into.add(r.getString(1));
      }
    }
  }

  /**
   * @return how many stored hashes (definitions plus compiled code) are loaded whole; system
   *     property {@code dbtlens.ingest.directWriteLimit} (a test sets 0 to exercise staging)
   */
  static long directWriteLimit() {
    return Long.getLong(DIRECT_WRITE_LIMIT_PROPERTY, 500_000L);
  }

  /** @return whether the snapshot is new (it was stored) */
  private boolean storeSnapshot(String snapshotId, long members) throws SQLException {
    if (Sql.exists(conn, "SELECT 1 FROM store.snapshot WHERE snapshot_id = ?", snapshotId)) {
      return false;
    }
    if (!sawParentMap) {
      // manifests always carry parent_map; if one does not, derive it from depends_on.nodes
      Sql.update(conn, "INSERT INTO store.stage_edge SELECT DISTINCT unnest(d.depends_on_nodes), m.unique_id"
          + " FROM store.stage_member m JOIN (SELECT def_hash, depends_on_nodes FROM store.stage_def"
          + " UNION ALL SELECT def_hash, depends_on_nodes FROM store.node_def) d USING (def_hash)");
      edges = Sql.count(conn, "SELECT count(*) FROM store.stage_edge");
    }
    Sql.update(conn, "INSERT INTO store.snapshot_member SELECT ?, unique_id, def_hash, compiled_hash,"
        + " source_key_hi, source_key_lo FROM store.stage_member", snapshotId);
    Sql.update(conn, "INSERT INTO store.snapshot_edge SELECT ?, parent_id, child_id FROM store.stage_edge",
        snapshotId);
    Sql.update(conn, "INSERT INTO store.snapshot VALUES (?, 'manifest', ?, ?)", snapshotId, members, edges);
    return true;
  }

  /**
   * Gives a stored snapshot the source keys of this manifest, which has the same content but other
   * bytes than the manifest whose keys it holds (or none: it was stored before keys existed), so
   * that the next re-run of the same project is recognised by its keys.
   */
  private void storeKeys(String snapshotId) throws SQLException {
    Sql.update(conn, "UPDATE store.snapshot_member m SET source_key_hi = s.source_key_hi,"
        + " source_key_lo = s.source_key_lo FROM store.stage_member s"
        + " WHERE m.snapshot_id = ? AND m.unique_id = s.unique_id", snapshotId);
  }

  private long promoteDefinitions() throws SQLException {
    long added;
    if (direct) {
      added = defsWritten; // appended straight to node_def, known to be new
    } else {
      Sql.update(conn, "INSERT INTO store.def_column SELECT * FROM store.stage_def_column"
          + " WHERE def_hash NOT IN (SELECT def_hash FROM store.node_def)");
      added = Sql.update(conn, "INSERT INTO store.node_def SELECT * FROM store.stage_def"
          + " WHERE def_hash NOT IN (SELECT def_hash FROM store.node_def)");
      Sql.update(conn, "INSERT INTO store.compiled SELECT * FROM store.stage_compiled"
          + " WHERE compiled_hash NOT IN (SELECT compiled_hash FROM store.compiled)");
    }
    Sql.update(conn, "DELETE FROM store.stage_member; DELETE FROM store.stage_edge;"
        + " DELETE FROM store.stage_def; DELETE FROM store.stage_def_column; DELETE FROM store.stage_compiled");
    return added;
  }

  /** The appenders one manifest writes through. */
  private static final class Writers implements AutoCloseable {
    static final int MEMBERS = 0;
    static final int EDGES = 1;
    static final int DEFS = 2;
    static final int COLUMNS = 3;
    static final int COMPILED = 4;
    static final int TABLES = 5;
    final TableWriter members;
    final TableWriter edges;
    final TableWriter defs;
    final TableWriter columns;
    final TableWriter compiled;

    Writers(DuckDBConnection conn, boolean direct) {
      members = new TableWriter(conn, "stage_member");
      edges = new TableWriter(conn, "stage_edge");
      defs = new TableWriter(conn, direct ? "node_def" : "stage_def");
      columns = new TableWriter(conn, direct ? "def_column" : "stage_def_column");
      compiled = new TableWriter(conn, direct ? "compiled" : "stage_compiled");
    }

    /** @return the appenders by table index */
    RowSink[] all() {
      return new RowSink[] {members, edges, defs, columns, compiled};
    }

    void finish() {
      members.finish();
      edges.finish();
      defs.finish();
      columns.finish();
      compiled.finish();
    }

    @Override
    public void close() {
      members.close();
      edges.close();
      defs.close();
      columns.close();
      compiled.close();
    }
  }
}
