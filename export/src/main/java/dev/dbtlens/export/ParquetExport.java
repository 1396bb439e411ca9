package dev.dbtlens.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbtlens.DbtLens;
import dev.dbtlens.DbtLensException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes every public view of a dbtlens database (each view of the main schema, found in DuckDB's
 * catalog when it runs, so views added by later releases are exported too) as Parquet files with
 * DuckDB's {@code COPY}:
 *
 * <ul>
 *   <li>{@code DIR/<view>/environment=<env>/date=<yyyy-mm-dd>/export-<n>-<uuid>.parquet} for
 *       <em>history</em> views (those with an {@code invocation_id} column, and {@code
 *       manifest_nodes}): each export appends only the rows of invocations that no earlier export
 *       wrote; the date is the UTC date of {@code generated_at};
 *   <li>{@code DIR/<view>/environment=<env>/export-<n>-<uuid>.parquet} for <em>snapshot</em> views
 *       (the current state, such as {@code nodes} or {@code edges}): rewritten on every export;
 *   <li>{@code DIR/_dbtlens/manifest.json}: the schema manifest (views, kinds, columns and their
 *       DuckDB types, partitioning, the exports made so far);
 *   <li>{@code DIR/_dbtlens/invocations/export-<n>.parquet}: the invocations each export wrote, the
 *       state that makes the next export incremental.
 * </ul>
 *
 * <p>An export that fails part way is undone by the next one: files of an export number above the
 * manifest's are deleted before anything is written. A view without an {@code environment} column is
 * not partitioned. A view whose columns changed since the last export, and a view new to the
 * directory, is written afresh in full. Views with no rows have no folder (the manifest lists them).
 */
public final class ParquetExport {
  /** The folder of the export's own files, inside the export directory. */
  public static final String META_DIR = "_dbtlens";
  /** The manifest's file name inside {@link #META_DIR}. */
  public static final String MANIFEST_FILE = "manifest.json";
  /** Format version of the manifest. */
  public static final int FORMAT_VERSION = 1;

  /** History views keyed by the manifest's invocation rather than their own invocation_id. */
  private static final Map<String, String> MANIFEST_KEYED = Map.of("manifest_nodes", "manifest_invocation_id");
  private static final List<String> DATE_COLUMNS =
      List.of("generated_at", "manifest_generated_at", "invocation_started_at");
  private static final Pattern EXPORT_FILE = Pattern.compile("export-(\\d+)[-.].*");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Connection connection;
  private final Path dir;
  private final Set<String> snapshotViews;

  private ParquetExport(Connection connection, Path dir, Set<String> snapshotViews) {
    this.connection = connection;
    this.dir = dir.toAbsolutePath().normalize();
    this.snapshotViews = snapshotViews;
  }

  /**
   * Exports every public view of the database into {@code dir} (created if absent), incrementally
   * when {@code dir} holds an earlier export.
   *
   * @param lens an open database (read-only is enough)
   * @param dir the export directory
   * @return what was written
   * @throws DbtLensException naming the view or file when DuckDB or the file system fails, or when
   *     {@code dir} holds files that are not a dbtlens export
   */
  public static ExportResult export(DbtLens lens, Path dir) {
    return export(lens, dir, Set.of());
  }

  /**
   * As {@link #export(DbtLens, Path)}, with views to treat as snapshots (rewritten in full every
   * time) even though they have an {@code invocation_id} column.
   *
   * @param lens an open database
   * @param dir the export directory
   * @param snapshotViews names of views to rewrite in full every time
   * @return what was written
   */
  public static ExportResult export(DbtLens lens, Path dir, Set<String> snapshotViews) {
    Objects.requireNonNull(lens, "lens");
    Objects.requireNonNull(dir, "dir");
    try (Connection c = lens.connection()) {
      return new ParquetExport(c, dir, Set.copyOf(snapshotViews)).run();
    } catch (SQLException e) {
      throw new DbtLensException("export to " + dir + " failed: " + e.getMessage(), e);
    }
  }

  /** A view and how it is exported. */
  private record View(String name, List<String[]> columns, boolean history, String key, String dateColumn,
      boolean dateIsTz, boolean hasEnvironment) {
    List<String> partitionBy() {
      List<String> p = new ArrayList<>();
      if (hasEnvironment) {
        p.add("environment");
      }
      if (history && dateColumn != null) {
        p.add("date");
      }
      return p;
    }

    List<String> columnNames() {
      return columns.stream().map(c -> c[0]).toList();
    }
  }

  private ExportResult run() throws SQLException {
    Path meta = dir.resolve(META_DIR);
    Path manifestFile = meta.resolve(MANIFEST_FILE);
    Path stateDir = meta.resolve("invocations");
    try {
      if (Files.isDirectory(dir) && !Files.exists(manifestFile)) {
        try (Stream<Path> s = Files.list(dir)) {
          List<Path> other = s.filter(p -> !p.getFileName().toString().equals(META_DIR)).toList();
          if (!other.isEmpty()) {
            throw new DbtLensException("export directory " + dir + " is not empty and has no "
                + META_DIR + "/" + MANIFEST_FILE + " (not a dbtlens export): " + other.get(0).getFileName());
          }
        }
      }
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create export directory " + dir, e);
    }
    ObjectNode previous = readManifest(manifestFile);
    int lastId = previous == null ? 0 : previous.path("export_id").asInt(0);
    int id = lastId + 1;
    rollBack(lastId);
    Map<String, JsonNode> previousViews = new LinkedHashMap<>();
    if (previous != null) {
      previous.path("views").forEach(v -> previousViews.put(v.path("name").asText(), v));
    }

    List<View> views = discover();
    try (Statement st = connection.createStatement()) {
      // the invocations this export adds: all of them less those in the state files
      Path pending = stateDir.resolve("pending-" + id + ".parquet");
      String exported = hasStateFiles(stateDir)
          ? " EXCEPT SELECT environment, invocation_id FROM read_parquet(" + lit(stateDir + "/export-*.parquet") + ")"
          : "";
      st.execute("COPY (SELECT environment, invocation_id, " + id + " AS export_id FROM (SELECT environment,"
          + " invocation_id FROM invocations" + exported + ") ORDER BY ALL) TO " + lit(pending) + " (FORMAT parquet)");
      long newInvocations = count(st, "SELECT count(*) FROM read_parquet(" + lit(pending) + ")");

      List<ViewExport> results = new ArrayList<>();
      ArrayNode viewsJson = JSON.createArrayNode();
      for (View v : views) {
        JsonNode before = previousViews.get(v.name());
        boolean sameColumns = before != null && before.path("kind").asText().equals(v.history() ? "history" : "snapshot")
            && columnsJson(v).equals(before.path("columns"));
        boolean rewrite = !v.history() || !sameColumns;
        long rows = writeView(st, v, id, rewrite, pending);
        results.add(new ViewExport(v.name(), v.history() ? "history" : "snapshot", v.partitionBy(), rows, rewrite));
        viewsJson.add(viewJson(v, rewrite || before == null ? id : before.path("complete_since_export").asInt(id)));
      }

      Files.move(pending, stateDir.resolve("export-" + id + ".parquet"), StandardCopyOption.ATOMIC_MOVE);
      ObjectNode manifest = JSON.createObjectNode();
      manifest.put("format", "dbtlens-parquet-export");
      manifest.put("format_version", FORMAT_VERSION);
      manifest.put("export_id", id);
      manifest.put("exported_at", Instant.now().toString());
      manifest.put("dbtlens_schema_version", schemaVersion(st));
      manifest.put("state", META_DIR + "/invocations/export-*.parquet");
      ArrayNode exports = manifest.putArray("exports");
      if (previous != null) {
        previous.path("exports").forEach(exports::add);
      }
      ObjectNode thisExport = exports.addObject();
      thisExport.put("id", id);
      thisExport.put("at", manifest.get("exported_at").asText());
      thisExport.put("new_invocations", newInvocations);
      thisExport.put("rows", results.stream().mapToLong(ViewExport::rowsWritten).sum());
      manifest.set("views", viewsJson);
      Path tmp = meta.resolve(MANIFEST_FILE + ".tmp");
      JSON.writeValue(tmp.toFile(), manifest);
      Files.move(tmp, manifestFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new ExportResult(dir, id, newInvocations, List.copyOf(results));
    } catch (IOException e) {
      throw new UncheckedIOException("export to " + dir + " failed", e);
    }
  }

  /** The views of the main schema, with their columns, classified. */
  private List<View> discover() throws SQLException {
    Map<String, List<String[]>> columns = new LinkedHashMap<>();
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT v.view_name, c.column_name, c.data_type"
             + " FROM duckdb_views() v JOIN duckdb_columns() c"
             + "   ON c.database_name = v.database_name AND c.schema_name = v.schema_name AND c.table_name = v.view_name"
             + " WHERE v.database_name = current_database() AND v.schema_name = 'main' AND NOT v.internal"
             + " ORDER BY v.view_name, c.column_index")) {
      while (rs.next()) {
        columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
            .add(new String[] {rs.getString(2), rs.getString(3)});
      }
    }
    List<View> views = new ArrayList<>();
    for (Map.Entry<String, List<String[]>> e : columns.entrySet()) {
      String name = e.getKey();
      Map<String, String> types = new LinkedHashMap<>();
      e.getValue().forEach(c -> types.put(c[0], c[1]));
      String key = types.containsKey("invocation_id") ? "invocation_id" : MANIFEST_KEYED.get(name);
      boolean history = key != null && types.containsKey(key) && !snapshotViews.contains(name);
      String date = DATE_COLUMNS.stream().filter(d -> types.getOrDefault(d, "").startsWith("TIMESTAMP")).findFirst()
          .orElse(null);
      if (types.containsKey("date")) {
        date = null; // the view has a column of that name: no date partition
      }
      boolean env = "VARCHAR".equals(types.get("environment"));
      views.add(new View(name, e.getValue(), history, history ? key : null, history ? date : null,
          date != null && types.get(date).contains("TIME ZONE"), env));
    }
    return views;
  }

  /** Writes one view; returns its rows written. */
  private long writeView(Statement st, View v, int id, boolean rewrite, Path pending) throws SQLException, IOException {
    Path target = dir.resolve(v.name());
    Path out = rewrite ? dir.resolve(v.name() + ".tmp-" + id) : target;
    deleteTree(out.equals(target) ? null : out);
    String select = "SELECT " + String.join(", ", v.columnNames().stream().map(ParquetExport::ident).toList());
    if (v.partitionBy().contains("date")) {
      String col = ident(v.dateColumn());
      select += ", CAST(" + (v.dateIsTz() ? "timezone('UTC', " + col + ")" : col) + " AS DATE) AS date";
    }
    select += " FROM " + ident(v.name()) + " v";
    if (v.history() && !rewrite) {
      select += v.hasEnvironment()
          ? " SEMI JOIN read_parquet(" + lit(pending) + ") n ON n.environment = v.environment AND n.invocation_id = v."
              + ident(v.key())
          : " WHERE v." + ident(v.key()) + " IN (SELECT invocation_id FROM read_parquet(" + lit(pending) + "))";
    }
    long rows = count(st, "SELECT count(*) FROM (" + select + ")");
    if (rows > 0) {
      Files.createDirectories(out);
      String order = v.columnNames().contains("unique_id") ? " ORDER BY v.unique_id" : "";
      try {
        if (v.partitionBy().isEmpty()) {
          st.execute("COPY (" + select + order + ") TO "
              + lit(out.resolve("export-" + id + "-" + UUID.randomUUID() + ".parquet")) + " (FORMAT parquet)");
        } else {
          st.execute("COPY (" + select + order + ") TO " + lit(out) + " (FORMAT parquet, PARTITION_BY ("
              + String.join(", ", v.partitionBy()) + "), APPEND, FILENAME_PATTERN 'export-" + id + "-{uuid}')");
        }
      } catch (SQLException e) {
        throw new DbtLensException("export of view " + v.name() + " to " + out + " failed: " + e.getMessage(), e);
      }
    }
    if (rewrite) {
      deleteTree(target);
      if (rows > 0) {
        Files.move(out, target, StandardCopyOption.ATOMIC_MOVE);
      } else {
        deleteTree(out);
      }
    }
    return rows;
  }

  private ObjectNode viewJson(View v, int completeSince) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", v.name());
    o.put("path", v.name());
    o.put("kind", v.history() ? "history" : "snapshot");
    if (v.history()) {
      o.put("incremental_key", v.key());
      if (v.dateColumn() != null) {
        o.put("date_from", v.dateColumn() + (v.dateIsTz() ? " (UTC date)" : ""));
      }
    }
    o.put("complete_since_export", completeSince);
    ArrayNode p = o.putArray("partition_by");
    v.partitionBy().forEach(p::add);
    o.set("columns", columnsJson(v));
    return o;
  }

  private static ArrayNode columnsJson(View v) {
    ArrayNode cols = JSON.createArrayNode();
    for (String[] c : v.columns()) {
      ObjectNode col = cols.addObject();
      col.put("name", c[0]);
      col.put("type", c[1]);
      if (v.partitionBy().contains(c[0])) {
        col.put("partition", true);
      }
    }
    if (v.partitionBy().contains("date")) {
      ObjectNode col = cols.addObject();
      col.put("name", "date");
      col.put("type", "DATE");
      col.put("partition", true);
    }
    return cols;
  }

  /** Deletes what an export numbered above the last committed one left behind. */
  private void rollBack(int lastId) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> leftovers = walk.filter(p -> {
        String n = p.getFileName().toString();
        Matcher m = EXPORT_FILE.matcher(n);
        if (m.matches() && Files.isRegularFile(p)) {
          return Integer.parseInt(m.group(1)) > lastId;
        }
        return n.startsWith("pending-") || n.endsWith(".tmp") || n.matches(".*\\.tmp-\\d+");
      }).sorted(Comparator.reverseOrder()).toList();
      for (Path p : leftovers) {
        deleteTree(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up an unfinished export in " + dir, e);
    }
  }

  private static ObjectNode readManifest(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (!(n instanceof ObjectNode o) || !"dbtlens-parquet-export".equals(o.path("format").asText())) {
        throw new DbtLensException(file + " is not a dbtlens export manifest");
      }
      if (o.path("format_version").asInt() > FORMAT_VERSION) {
        throw new DbtLensException(file + " has format_version " + o.path("format_version").asInt()
            + "; this dbtlens writes " + FORMAT_VERSION);
      }
      return o;
    } catch (IOException e) {
      throw new DbtLensException("cannot read the export manifest " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean hasStateFiles(Path stateDir) throws IOException {
    try (Stream<Path> s = Files.list(stateDir)) {
      return s.anyMatch(p -> p.getFileName().toString().matches("export-\\d+\\.parquet"));
    }
  }

  private static int schemaVersion(Statement st) {
    try (ResultSet rs = st.executeQuery("SELECT value FROM dbtlens_info WHERE key = 'schema_version'")) {
      return rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
    } catch (SQLException | NumberFormatException e) {
      return 0;
    }
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (p == null || !Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  private static String lit(Object s) {
    return "'" + s.toString().replace("'", "''") + "'";
  }

  private static String ident(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
