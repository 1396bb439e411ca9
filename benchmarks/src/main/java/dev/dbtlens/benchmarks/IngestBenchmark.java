package dev.dbtlens.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.IngestReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Manifest ingest (parse and load into a DuckDB file), and re-ingest of the same manifest under a
 * new invocation, beside the floor: a Jackson token-only scan of the same bytes.
 *
 * <ul>
 *   <li>{@code ingest}: a new, empty database file ingests the manifest;
 *   <li>{@code reingestUnchanged}: a database already holding the manifest ingests a copy of it whose
 *       only difference is {@code metadata.invocation_id} and {@code generated_at} (a new dbt run
 *       on an unchanged project);
 *   <li>{@code reingestOnePercentChanged}: the same, but every hundredth entry of {@code nodes} has
 *       a changed {@code description} (a new definition each), as after a small change to a project;
 *   <li>{@code reingestBuild}: a database holding a build (manifest and run results) ingests the
 *       next build of the unchanged project, manifest and run results under a new invocation: the
 *       step a CI job runs after every {@code dbt build} (the run results of a given manifest are
 *       taken from {@code run_results.json} beside it; without one, the manifest alone);
 *   <li>{@code floorTokenScan}: {@code JsonParser.nextToken()} over the same file until its end;
 *   <li>{@code floorStoreRawJson}: DuckDB alone storing each entry's JSON, already in memory, in a
 *       new file: the least any ingest that keeps the entries queryable in DuckDB pays.
 * </ul>
 *
 * With {@code derive} false the ingests stop at their commit and checkpoint ({@link
 * IngestOptions#withDerive}): what the targets measured when they were set, before column
 * lineage and the stored recommendations were derived at ingest (they have their own benchmarks).
 * With {@code derive} true they are what a default {@code DbtLens.ingest} does, derived steps
 * included. The re-ingests' databases are primed by a default ingest either way.
 *
 * Each measurement is one operation ({@link Mode#SingleShotTime}); the database is opened (and
 * primed) before the iteration and closed (checkpointed) after it, outside the measurement. The
 * ingest includes its commit. A manifest of any size can be given with {@code -p manifest=PATH}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class IngestBenchmark {
  static final String ENV = "bench";

  /** Models in the generated project (1,000 models give a 12 MB manifest, 10,000 a 120 MB one). */
  @Param({"1000", "10000"})
  public int models;

  /** Whether the measured ingests derive column lineage, recommendations and alerts. */
  @Param({"false", "true"})
  public boolean derive;

  /** A manifest.json to ingest instead of a generated one; empty to generate. */
  @Param({""})
  public String manifest;

  Path original;
  Path originalResults;
  Path unchangedCopy;
  List<Path> nextBuild;
  Path changedCopy;
  long changedNodes;
  Path work;

  @Setup(Level.Trial)
  public void prepare() {
    original = manifest.isEmpty() ? BenchData.manifest(models) : Path.of(manifest);
    work = BenchData.tempDir("ingest-");
    unchangedCopy = work.resolve("manifest.json");
    BenchData.rewrite(original, unchangedCopy, BenchData.invocationId("reingest", 1),
        Instant.parse("2027-01-01T00:00:00Z"), null);
    Path results = original.resolveSibling("run_results.json");
    originalResults = Files.exists(results) ? results : null;
    Path build = work.resolve("build");
    try {
      Files.createDirectories(build);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String buildId = BenchData.invocationId("build", 2);
    Instant buildAt = Instant.parse("2027-01-03T00:00:00Z");
    BenchData.rewrite(original, build.resolve("manifest.json"), buildId, buildAt, null);
    nextBuild = List.of(build.resolve("manifest.json"));
    if (originalResults != null) {
      BenchData.rewrite(originalResults, build.resolve("run_results.json"), buildId, buildAt, null);
      nextBuild = List.of(build.resolve("manifest.json"), build.resolve("run_results.json"));
    }
    changedCopy = work.resolve("changed").resolve("manifest.json");
    changedNodes = changeOnePercent(original, changedCopy, BenchData.invocationId("changed", 1),
        Instant.parse("2027-01-02T00:00:00Z"));
    try {
      BenchData.log("ingest input " + original + " (" + Files.size(original) / 1_000_000 + " MB)");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @TearDown(Level.Trial)
  public void cleanUp() {
    BenchData.deleteRecursively(work);
  }

  /** A database file per iteration, holding what {@link #fill} ingested; deleted after it. */
  abstract static class Db {
    Path dir;
    DbtLens lens;

    void fill(List<Path> files) {
      dir = BenchData.tempDir("db-");
      lens = DbtLens.open(dir.resolve("lens.duckdb"));
      if (!files.isEmpty()) {
        BenchData.ingest(lens, ENV, files);
      }
    }

    @TearDown(Level.Iteration)
    public void close() {
      lens.close();
      BenchData.deleteRecursively(dir);
    }
  }

  /** A new, empty database file. */
  @State(Scope.Thread)
  public static class EmptyDb extends Db {
    @Setup(Level.Iteration)
    public void open() {
      fill(List.of());
    }
  }

  /** A database file that already holds the original manifest. */
  @State(Scope.Thread)
  public static class PrimedDb extends Db {
    @Setup(Level.Iteration)
    public void open(IngestBenchmark b) {
      fill(List.of(b.original));
    }
  }

  /** A database file that already holds the original build (manifest and run results). */
  @State(Scope.Thread)
  public static class BuiltDb extends Db {
    @Setup(Level.Iteration)
    public void open(IngestBenchmark b) {
      fill(b.originalResults == null ? List.of(b.original) : List.of(b.original, b.originalResults));
    }
  }

  /** The options of the measured ingests. */
  private IngestOptions options() {
    return IngestOptions.defaults().withEnvironment(ENV).withDerive(derive);
  }

  @Benchmark
  public IngestReport ingest(EmptyDb db) {
    return check(db.lens.ingest(options(), List.of(original)));
  }

  @Benchmark
  public IngestReport reingestUnchanged(PrimedDb db) {
    IngestReport r = check(db.lens.ingest(options(), List.of(unchangedCopy)));
    if (r.definitionsAdded() != 0) {
      throw new IllegalStateException("an unchanged manifest added " + r.definitionsAdded() + " definitions");
    }
    return r;
  }

  @Benchmark
  public IngestReport reingestOnePercentChanged(PrimedDb db) {
    IngestReport r = check(db.lens.ingest(options(), List.of(changedCopy)));
    if (r.definitionsAdded() != changedNodes) {
      throw new IllegalStateException("1% changed (" + changedNodes + " nodes) added "
          + r.definitionsAdded() + " definitions");
    }
    return r;
  }

  @Benchmark
  public IngestReport reingestBuild(BuiltDb db) {
    IngestReport r = check(db.lens.ingest(options(), nextBuild));
    if (r.definitionsAdded() != 0) {
      throw new IllegalStateException("an unchanged build added " + r.definitionsAdded() + " definitions");
    }
    return r;
  }

  /**
   * Copies a manifest with a new invocation id and time, appending " (changed)" to the {@code
   * description} of every hundredth entry of {@code nodes}.
   *
   * @return how many nodes were changed
   */
  static long changeOnePercent(Path from, Path to, String invocationId, Instant generatedAt) {
    try {
      Files.createDirectories(to.getParent());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    long changed = 0;
    try (JsonParser p = BenchData.JSON.createParser(from.toFile());
        com.fasterxml.jackson.core.JsonGenerator g = BenchData.JSON.createGenerator(to.toFile(),
            com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
      int depth = 0;
      String group = null;
      String field = null;
      long index = -1;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case START_OBJECT, START_ARRAY -> {
            if (depth == 2 && "nodes".equals(group) && t == JsonToken.START_OBJECT) {
              index++;
            }
            depth++;
            g.copyCurrentEvent(p);
          }
          case END_OBJECT, END_ARRAY -> {
            depth--;
            g.copyCurrentEvent(p);
          }
          case FIELD_NAME -> {
            field = p.currentName();
            if (depth == 1) {
              group = field;
            }
            g.copyCurrentEvent(p);
          }
          case VALUE_STRING -> {
            if (depth == 2 && "metadata".equals(group) && "invocation_id".equals(field)) {
              g.writeString(invocationId);
            } else if (depth == 2 && "metadata".equals(group) && "generated_at".equals(field)) {
              g.writeString(generatedAt.toString());
            } else if (depth == 3 && "nodes".equals(group) && "description".equals(field) && index % 100 == 0) {
              g.writeString(p.getText() + " (changed)");
              changed++;
            } else {
              g.copyCurrentEvent(p);
            }
          }
          default -> g.copyCurrentEvent(p);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("rewriting " + from, e);
    }
    return changed;
  }

  /** The scan is short and its JIT warm-up long: more warm-up iterations than the class default. */
  @Benchmark
  @Warmup(iterations = 8)
  public long floorTokenScan() throws IOException {
    long tokens = 0;
    try (JsonParser p = BenchData.JSON.createParser(original.toFile())) {
      while (p.nextToken() != null) {
        tokens++;
      }
    }
    return tokens;
  }

  /**
   * Every entry of the manifest's entry groups (nodes, sources, macros, ...) as its unique id and
   * compact JSON, read once per trial for {@link #floorStoreRawJson}. At 100,000 models that is
   * about 1 GB of heap: run it with {@code -jvmArgsAppend "-Xms6g -Xmx6g"}.
   */
  @State(Scope.Benchmark)
  public static class Entries {
    private static final Set<String> NOT_ENTRIES = Set.of("metadata", "parent_map", "child_map",
        "group_map", "docs", "disabled", "selectors");
    final List<String> ids = new ArrayList<>();
    final List<byte[]> json = new ArrayList<>();

    @Setup(Level.Trial)
    public void read(IngestBenchmark b) throws IOException {
      ObjectMapper mapper = new ObjectMapper(BenchData.JSON);
      try (JsonParser p = BenchData.JSON.createParser(b.original.toFile())) {
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String group = p.currentName();
          if (p.nextToken() != JsonToken.START_OBJECT || NOT_ENTRIES.contains(group)) {
            p.skipChildren();
            continue;
          }
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            ids.add(p.currentName());
            p.nextToken();
            json.add(mapper.writeValueAsBytes(mapper.readTree(p)));
          }
        }
      }
    }
  }

  /** A new DuckDB file opened through plain JDBC, on one DuckDB thread as an ingest runs it. */
  @State(Scope.Thread)
  public static class PlainDb {
    Path dir;
    DuckDBConnection conn;

    @Setup(Level.Iteration)
    public void open() throws SQLException {
      dir = BenchData.tempDir("plain-");
      conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("plain.duckdb"));
      try (Statement s = conn.createStatement()) {
        s.execute("SET threads = 1");
      }
    }

    @TearDown(Level.Iteration)
    public void close() throws SQLException {
      conn.close();
      BenchData.deleteRecursively(dir);
    }
  }

  /** The compression of {@link #floorStoreRawJson}'s JSON column ({@code zstd}: as {@code store.node_def}'s). */
  @Param({"zstd"})
  public String rawJsonCompression;

  /**
   * The store's floor: DuckDB appending every entry's unique id and JSON, already in memory, to a
   * new table of a new file ({@code raw_json JSON USING COMPRESSION zstd}, as {@code store.node_def}
   * holds it), then committing and checkpointing. Nothing parsed, no other column or table: what
   * any ingest that keeps each entry queryable in the file pays at least.
   */
  @Benchmark
  public int floorStoreRawJson(Entries entries, PlainDb db) throws SQLException {
    db.conn.setAutoCommit(false);
    try (Statement s = db.conn.createStatement()) {
      s.execute("CREATE TABLE entry (unique_id VARCHAR, raw_json JSON USING COMPRESSION "
          + rawJsonCompression + ")");
    }
    try (DuckDBAppender a = db.conn.createAppender("main", "entry")) {
      for (int i = 0; i < entries.ids.size(); i++) {
        a.beginRow();
        a.append(entries.ids.get(i));
        a.append(entries.json.get(i));
        a.endRow();
      }
    }
    db.conn.commit();
    db.conn.setAutoCommit(true);
    try (Statement s = db.conn.createStatement()) {
      s.execute("CHECKPOINT");
    }
    return entries.ids.size();
  }

  private static IngestReport check(IngestReport r) {
    if (r.nothingAdded()) {
      throw new IllegalStateException("nothing was ingested: " + r.artifacts());
    }
    return r;
  }
}
