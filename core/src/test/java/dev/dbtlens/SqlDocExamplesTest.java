package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/sql.md} cannot drift from the code: every {@code ```sql} block in it runs against a
 * database holding real artifacts, and the column table of every view section ({@code ### <view>}
 * under {@code ## Views}) lists exactly the view's columns, names and types in order.
 */
class SqlDocExamplesTest {
  private static final Path DOC = Path.of("..", "docs", "sql.md");

  /** The views in the order the document presents them. */
  private static final List<String> VIEW_ORDER = List.of("environments", "invocations", "artifacts",
      "nodes", "edges", "manifest_nodes", "columns", "macros", "catalog", "catalog_columns", "run_results",
      "source_freshness", "semantic_manifest_entities", "dbtlens_info", "live_runs", "node_events",
      "log_warnings", "log_deprecations", "alerts", "recommendations",
      "recommendation_metrics", "column_edges", "column_filters", "column_lineage_status", "column_primary_keys",
      // ## Views: dbt Mesh
      "mesh_environments", "cross_project_refs", "project_dependencies", "mesh_projects", "public_models",
      // ## Views: performance
      "build_runs", "build_executions", "model_daily_performance", "daily_build_totals", "job_daily_build_totals");
  /** Views that stay empty on the real artifacts (no two of their projects refer to each other): MeshTest fills them. */
  private static final Set<String> EMPTY_ON_REAL_ARTIFACTS = Set.of("semantic_manifest_entities",
      "cross_project_refs", "project_dependencies", "public_models");

  private static final Pattern SQL_BLOCK = Pattern.compile("^```sql\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);
  private static final Pattern COPY_TARGET = Pattern.compile("(?i)(\\bTO\\s+)'([^']+)'");

  @TempDir static Path exportDir;

  private static DbtLens lens;
  private static List<String> doc;

  @BeforeAll
  static void ingest() throws IOException {
    doc = Files.readAllLines(DOC);
    List<Path> artifacts = List.of(SharedArtifacts.file("tuva"),
        SharedArtifacts.file("dbt-fusion_e-elikem+dbt_fundamentals"),
        SharedArtifacts.file("sources-freshness/TanookiVerde+estudos-dbt"),
        // a real dbt JSON log (live runs): 20 nodes, a TestsConfigDeprecation warning, a failing test
        SharedArtifacts.root().resolveSibling("dbt-logs")
            .resolve("OpenLineage+OpenLineage/2ff0ce731440/build_logs.jsonl"));
    lens = DbtLens.inMemory();
    IngestReport report = lens.ingest(IngestOptions.defaults(), artifacts);
    assertThat(report.artifacts()).allMatch(ArtifactOutcome::added);
  }

  @AfterAll
  static void close() {
    if (lens != null) {
      lens.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everySqlExampleRuns() throws IOException {
    List<Example> examples = sqlExamples(Files.readString(DOC));
    assertThat(examples).as("sql blocks in " + DOC).hasSizeGreaterThanOrEqualTo(10);
    return examples.stream().map(e -> dynamicTest(e.name(), () -> {
      try {
        run(e.sql());
      } catch (SQLException ex) {
        throw new AssertionError("the example at " + e.name() + " in " + DOC + " fails: " + ex.getMessage()
            + "\n" + e.sql(), ex);
      }
    }));
  }

  /**
   * The document promises files readable by DuckDB 1.2 and later, so its queries must run there
   * too: each SELECT example runs in a separate JVM with the oldest supported duckdb_jdbc, as in
   * {@link StorageCompatibilityTest}.
   */
  @Test
  void everySelectExampleRunsOnTheOldestSupportedDuckDb(@TempDir Path tmp) throws Exception {
    Path jar = Path.of(System.getProperty("dbtlens.compatJar", "target/compat/duckdb_jdbc-compat.jar"));
    assertThat(jar).as("the build copies the compat driver (mvn generate-test-resources)").exists();
    Path db = tmp.resolve("lens.duckdb");
    try (DbtLens writer = DbtLens.open(db)) {
      writer.ingest(IngestOptions.defaults(), List.of(SharedArtifacts.file("tuva/manifest-v11_dbt-1.7.8_41072bf5"),
          SharedArtifacts.file("dbt-fusion_e-elikem+dbt_fundamentals"),
          SharedArtifacts.file("sources-freshness/TanookiVerde+estudos-dbt")));
    }
    List<String> queries = sqlExamples(Files.readString(DOC)).stream().map(Example::sql).map(String::strip)
        .filter(q -> !q.regionMatches(true, 0, "COPY", 0, 4))
        .map(q -> "SELECT count(*) FROM (" + q.replaceFirst(";$", "") + "\n)")
        .toList();
    Path probe = tmp.resolve("CompatProbe.java");
    try (InputStream in = StorageCompatibilityTest.class.getResourceAsStream("CompatProbe.java.txt")) {
      Files.write(probe, in.readAllBytes());
    }
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", jar.toAbsolutePath().toString(), probe.toString(), db.toString()));
    cmd.addAll(queries);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out.lines().toList()).as(out).hasSize(queries.size()).allMatch(l -> l.matches("\\d+"));
  }

  @TestFactory
  Stream<DynamicTest> everyViewTableListsTheViewsColumns() throws SQLException {
    List<String> sections = viewSections();
    assertThat(sections).as("### headings under ## Views").containsExactlyElementsOf(VIEW_ORDER);
    assertThat(sections).as("the documented views are the database's views")
        .containsExactlyInAnyOrderElementsOf(databaseViews());
    return sections.stream().map(view -> dynamicTest(view, () ->
        assertThat(documentedColumns(view)).as("column table of ### " + view + " in " + DOC)
            .isNotEmpty()
            .containsExactlyElementsOf(actualColumns(view))));
  }

  @Test
  void everyViewReturnsRowsFromTheRealArtifacts() throws SQLException {
    // guards the examples against passing on empty views
    try (Connection c = lens.connection(); Statement s = c.createStatement()) {
      for (String view : VIEW_ORDER) {
        if (EMPTY_ON_REAL_ARTIFACTS.contains(view)) {
          continue; // the only real semantic_manifest.json here is empty; see the set
        }
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + view)) {
          r.next();
          assertThat(r.getLong(1)).as(view).isPositive();
        }
      }
    }
  }

  private record Example(String name, String sql) {}

  /** @return each ```sql block, named after the heading above it */
  static List<Example> sqlExamples(String markdown) {
    List<Example> out = new ArrayList<>();
    Matcher m = SQL_BLOCK.matcher(markdown);
    while (m.find()) {
      String before = markdown.substring(0, m.start());
      String heading = before.lines().filter(l -> l.startsWith("#")).reduce((a, b) -> b).orElse("(top)");
      int line = (int) before.lines().count() + 1;
      out.add(new Example("line " + line + ": " + heading.replaceFirst("^#+\\s*", ""), m.group(1)));
    }
    return out;
  }

  private static void run(String sql) throws SQLException {
    String query = sql.strip();
    if (query.regionMatches(true, 0, "COPY", 0, 4)) {
      // exports go to a temporary folder, not to the build's working directory
      query = COPY_TARGET.matcher(query).replaceFirst(
          "$1'" + Matcher.quoteReplacement(exportDir.toString().replace("'", "''")) + "/$2'");
    }
    try (Connection c = lens.connection(); Statement s = c.createStatement()) {
      if (s.execute(query)) {
        try (ResultSet r = s.getResultSet()) {
          int columns = r.getMetaData().getColumnCount();
          while (r.next()) {
            for (int i = 1; i <= columns; i++) {
              r.getObject(i);
            }
          }
        }
      }
    }
  }

  /** {@code ## Views}, or a capability's own {@code ## Views: <capability>}. */
  private static boolean isViews(String heading) {
    return heading.strip().equals("## Views") || heading.startsWith("## Views: ");
  }

  /** @return the {@code ### } headings between {@code ## Views} and the next {@code ## } heading */
  private static List<String> viewSections() {
    List<String> out = new ArrayList<>();
    boolean inViews = false;
    for (String line : doc) {
      if (line.startsWith("## ")) {
        inViews = isViews(line);
      } else if (inViews && line.startsWith("### ")) {
        out.add(line.substring(4).strip());
      }
    }
    return out;
  }

  /** @return "name TYPE" of each row of the first table under {@code ### view} in the Views section */
  private static List<String> documentedColumns(String view) {
    List<String> out = new ArrayList<>();
    boolean inViews = false;
    boolean inSection = false;
    int tableRow = 0;
    for (String line : doc) {
      if (line.startsWith("## ")) {
        inViews = isViews(line);
        inSection = false;
      } else if (line.startsWith("### ")) {
        inSection = inViews && line.substring(4).strip().equals(view);
      } else if (inSection && line.startsWith("|")) {
        tableRow++;
        if (tableRow > 2) { // after the header and the |---| separator
          String[] cells = line.substring(1).split("\\|");
          assertThat(cells.length).as("cells in: " + line).isGreaterThanOrEqualTo(3);
          out.add(cells[0].strip().replace("`", "") + " " + cells[1].strip());
        }
      } else if (inSection && tableRow > 0) {
        break; // the first table has ended
      }
    }
    return out;
  }

  private static List<String> actualColumns(String view) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = lens.connection();
        PreparedStatement s = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
            + " WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position")) {
      s.setString(1, view);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1) + " " + r.getString(2));
        }
      }
    }
    return out;
  }

  private static List<String> databaseViews() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = lens.connection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = 'main' AND table_type = 'VIEW'")) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
