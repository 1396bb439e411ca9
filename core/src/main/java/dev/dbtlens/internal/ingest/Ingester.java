package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import dev.dbtlens.internal.store.CurrentState;
import dev.dbtlens.internal.store.Ids;
import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.internal.store.Store;
import com.fasterxml.jackson.core.JsonParser;
import dev.dbtlens.ArtifactFormatException;
import dev.dbtlens.ArtifactKind;
import dev.dbtlens.ArtifactOutcome;
import dev.dbtlens.DbtLensException;
import dev.dbtlens.IngestConflictException;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.IngestReport;
import dev.dbtlens.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;

/**
 * Ingests artifact files into an environment: all of them in one transaction, each file once.
 */
public final class Ingester {
  private static final System.Logger LOG = System.getLogger("dev.dbtlens");

  private final Store store;
  private final Map<String, String> processEnv;

  /** @param store the database to write to; ids are read from this process's environment */
  public Ingester(Store store) {
    this(store, System.getenv());
  }

  /**
   * @param store the database to write to
   * @param processEnv the variables ids are read from ({@link IdSources})
   */
  public Ingester(Store store, Map<String, String> processEnv) {
    this.store = store;
    this.processEnv = Map.copyOf(processEnv);
  }

  /**
   * @param options environment, job label, progress
   * @param paths artifact files and folders holding them (searched recursively)
   * @return what was added and skipped
   */
  public IngestReport ingest(IngestOptions options, List<Path> paths) {
    List<Path> files = expand(paths);
    DuckDBConnection conn = store.connection();
    Totals totals = new Totals(options, new IdSources(processEnv));
    try {
      conn.setAutoCommit(false);
      Sql.count(conn, "SELECT 1"); // opens the transaction the appenders will join
      Holdings before = Holdings.of(conn, options.environment());
      for (int i = 0; i < files.size(); i++) {
        options.progress().onFile(files.get(i), i + 1, files.size());
        stopIfInterrupted();
        ingestFile(conn, files.get(i), options, totals);
      }
      totals.failOnConflicts();
      if (totals.changed()) {
        totals.warnAll(Ids.assign(conn, options.environment(),
            totals.ids.requested(options, totals.warnings)));
        totals.warnAll(Ids.account(conn, totals.ids.account(totals.warnings)));
        CurrentState.refresh(conn, options.environment(), totals.added());
        totals.gained(before, Holdings.of(conn, options.environment()));
      }
      stopIfInterrupted();
      conn.commit();
      store.changed();
    } catch (SQLException e) {
      rollback(conn);
      throw interruptedOr(options, new StorageException("ingesting into " + store.description(), e));
    } catch (RuntimeException e) {
      rollback(conn);
      throw interruptedOr(options, e);
    } catch (Error e) {
      rollback(conn);
      throw e;
    } finally {
      try {
        conn.setAutoCommit(true);
      } catch (SQLException e) {
        LOG.log(System.Logger.Level.DEBUG, "restoring auto-commit", e);
      }
    }
    store.checkpoint(); // a report means the data is in the file, not only in its write-ahead log
    return totals.report();
  }

  /** Thrown inside the transaction when the ingesting thread is interrupted; becomes the error below. */
  private static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static void stopIfInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new Interrupted();
    }
  }

  /**
   * An interrupted thread (Ctrl-C in the CLI) stops the ingest at the next file, or at the next read
   * (reading a file from an interrupted thread fails), and the ingest says so rather than blaming the
   * file. The interrupt status is kept for the caller.
   */
  private RuntimeException interruptedOr(IngestOptions options, RuntimeException e) {
    if (!Thread.currentThread().isInterrupted()) {
      return e;
    }
    return new DbtLensException("ingest into environment '" + options.environment() + "' of "
        + store.description() + " interrupted; it was rolled back and nothing was written", e);
  }

  private static void rollback(DuckDBConnection conn) {
    try {
      conn.rollback();
    } catch (SQLException e) {
      LOG.log(System.Logger.Level.WARNING, "rollback failed: " + e.getMessage());
    }
  }

  /** Folders are searched recursively for files named like dbt artifacts; files are taken as given. */
  static List<Path> expand(List<Path> paths) {
    Set<Path> out = new LinkedHashSet<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        List<Path> found = artifactsUnder(path);
        if (found.isEmpty()) {
          throw new ArtifactFormatException(path, null, null, "no dbt artifacts found in this folder"
              + " (looked for manifest*.json, run_results*.json, sources*.json, catalog*.json,"
              + " semantic_manifest*.json, each also as .json.gz)", null);
        }
        out.addAll(found);
      } else if (Files.isRegularFile(path)) {
        out.add(path.toAbsolutePath().normalize());
      } else {
        throw new ArtifactFormatException(path, null, null, "no such file or folder", null);
      }
    }
    return new ArrayList<>(out);
  }

  private static List<Path> artifactsUnder(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> ArtifactProbe.kindFromName(p) != null)
          .map(p -> p.toAbsolutePath().normalize())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir, e);
    }
  }

  private void ingestFile(DuckDBConnection conn, Path path, IngestOptions options, Totals totals)
      throws SQLException {
    try (ArtifactFile file = ArtifactFile.open(path)) { // its digest is computed while it is parsed
      ingestFile(conn, file, options, totals);
    }
  }

  private void ingestFile(DuckDBConnection conn, ArtifactFile file, IngestOptions options, Totals totals)
      throws SQLException {
    Path path = file.path();
    String env = options.environment();
    ArtifactHeader header = ArtifactProbe.probe(path, file);
    // A file ingested before has the same header, hence the same kind and invocation: when the file
    // names its invocation, the digest is needed only if the environment holds that invocation's
    // artifact of this kind (the same file again, or a conflicting one).
    boolean namesInvocation = header.invocationId() != null && header.kind() != ArtifactKind.SEMANTIC_MANIFEST;
    String conflict = namesInvocation ? conflictingFile(conn, env, header.kind(), header.invocationId()) : null;
    if (!namesInvocation || conflict != null) {
      ArtifactOutcome already = alreadyIngested(conn, file, env);
      if (already != null) {
        totals.add(already, null);
        return;
      }
    }
    String invocationId = invocationId(header, file);
    if (!namesInvocation) {
      conflict = conflictingFile(conn, env, header.kind(), invocationId);
    }
    if (conflict != null) {
      String why = path + ": environment '" + env + "' already holds a different "
          + header.kind().sqlName() + " for invocation " + invocationId + " (from " + conflict + ")";
      totals.conflict(new ArtifactOutcome(path, header.kind(), header.schemaVersion(), header.dbtVersion(),
          invocationId, ArtifactOutcome.Status.CONFLICT, 0, why));
      return;
    }
    if (totals.refusing()) {
      return; // the ingest will fail: only look for further conflicts, to report them together
    }
    Row row = new Row(env, invocationId, header, file, options.job());
    row.newInvocation = !Sql.exists(conn,
        "SELECT 1 FROM store.artifact WHERE environment = ? AND invocation_id = ?", env, invocationId);
    Reading reading = new Reading(path, header.schemaVersion());
    JsonParser parser = null;
    // a manifest is parsed on a reading thread (ReadAhead): its progress is told on this one
    ReadAhead.Relay relay = new ReadAhead.Relay(options.progress());
    boolean readAhead = header.kind() == ArtifactKind.MANIFEST;
    try (RecordingStream tap = readAhead ? new RecordingStream(file.openStream(relay)) : null;
        JsonParser p = tap != null ? Json.FACTORY.createParser(tap) : file.openParser(options.progress())) {
      parser = p;
      load(conn, p, tap, reading, row, relay);
    } catch (IOException e) {
      throw Parsing.translate(e, reading, parser);
    }
    RequiredMembers.check(reading, header, reading.members());
    options.progress().onProgress(path, file.size(), file.size());
    insertArtifact(conn, row);
    totals.ids.artifact(invocationId, header.metadata(), totals.warnings);
    totals.add(new ArtifactOutcome(path, header.kind(), header.schemaVersion(), header.dbtVersion(),
        invocationId, ArtifactOutcome.Status.ADDED, row.rows, header.warning()), row);
  }

  private void load(DuckDBConnection conn, JsonParser p, RecordingStream tap, Reading reading, Row row,
      ReadAhead.Relay relay) throws IOException, SQLException {
    ArtifactHeader h = row.header;
    switch (h.kind()) {
      case MANIFEST -> {
        ManifestLoader.Result r = new ManifestLoader(conn, reading).load(p, tap, row.env, relay);
        row.snapshotId = r.snapshotId();
        row.selectors = r.selectorsJson();
        row.rows = r.members();
      }
      case RUN_RESULTS -> {
        RunResultsLoader.Result r = new RunResultsLoader(conn, reading)
            .load(p, row.env, row.invocationId, h.generatedAt());
        row.rows = r.results();
        row.elapsed = r.elapsedTime();
        row.args = r.argsJson();
        row.command = r.command();
      }
      case SOURCES -> {
        SourcesLoader.Result r = new SourcesLoader(conn, reading)
            .load(p, row.env, row.invocationId, h.generatedAt());
        row.rows = r.results();
        row.elapsed = r.elapsedTime();
        row.command = "source freshness";
      }
      case CATALOG -> {
        CatalogLoader.Result r = new CatalogLoader(conn, reading).load(p);
        row.snapshotId = r.snapshotId();
        row.rows = r.entries();
        row.command = "docs generate";
      }
      case SEMANTIC_MANIFEST ->
          row.rows = new SemanticManifestLoader(conn, reading).load(p, row.env, row.invocationId);
    }
  }

  private static ArtifactOutcome alreadyIngested(DuckDBConnection conn, ArtifactFile file, String env)
      throws SQLException {
    try (PreparedStatement s = conn.prepareStatement("SELECT kind, schema_version, dbt_version,"
        + " invocation_id FROM store.artifact WHERE environment = ? AND file_sha256 = ?")) {
      Sql.bind(s, env, file.sha256());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        return new ArtifactOutcome(file.path(), ArtifactKind.valueOf(r.getString(1).toUpperCase(
            java.util.Locale.ROOT)), r.getString(2), r.getString(3), r.getString(4),
            ArtifactOutcome.Status.ALREADY_INGESTED, 0, null);
      }
    }
  }

  private static String conflictingFile(DuckDBConnection conn, String env, ArtifactKind kind,
      String invocationId) throws SQLException {
    try (PreparedStatement s = conn.prepareStatement("SELECT file_path FROM store.artifact"
        + " WHERE environment = ? AND kind = ? AND invocation_id = ?")) {
      Sql.bind(s, env, kind.sqlName(), invocationId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  /**
   * dbt writes {@code metadata.invocation_id} in every versioned artifact; semantic_manifest.json has
   * none and takes that of the manifest beside it. Failing both, the file's digest stands in.
   */
  private static String invocationId(ArtifactHeader header, ArtifactFile file) {
    if (header.invocationId() != null) {
      return header.invocationId();
    }
    if (header.kind() == ArtifactKind.SEMANTIC_MANIFEST) {
      Path sibling = file.path().resolveSibling("manifest.json");
      if (!Files.isRegularFile(sibling)) {
        sibling = file.path().resolveSibling("manifest.json.gz");
      }
      if (Files.isRegularFile(sibling)) {
        try (ArtifactFile manifest = ArtifactFile.open(sibling)) { // its header only: the digest stops
          String id = ArtifactProbe.probe(sibling, manifest).invocationId();
          if (id != null) {
            return id;
          }
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.DEBUG, "sibling manifest unreadable", e);
        }
      }
    }
    return "file-" + file.sha256().substring(0, 16);
  }

  private static void insertArtifact(DuckDBConnection conn, Row row) throws SQLException {
    ArtifactHeader h = row.header;
    Sql.update(conn, "INSERT INTO store.artifact VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::JSON, ?::JSON, ?, ?, ?, ?, ?, ?)",
        row.env, row.invocationId, h.kind().sqlName(), h.schemaVersion(), h.dbtVersion(),
        h.generatedAt(), h.invocationStartedAt(), row.elapsed, row.command, row.job,
        h.projectName(), h.projectId(), h.adapterType(), row.args, row.selectors, row.snapshotId,
        row.rows, row.file.path().toString(), row.file.size(), row.file.sha256(),
        LocalDateTime.now(ZoneOffset.UTC));
  }

  /** What one file adds to the artifact table and to the report. */
  private static final class Row {
    final String env;
    final String invocationId;
    final ArtifactHeader header;
    final ArtifactFile file;
    final String job;
    boolean newInvocation;
    String snapshotId;
    String selectors;
    String args;
    String command;
    Double elapsed;
    long rows;

    Row(String env, String invocationId, ArtifactHeader header, ArtifactFile file, String job) {
      this.env = env;
      this.invocationId = invocationId;
      this.header = header;
      this.file = file;
      this.job = job;
    }
  }

  /** Sums outcomes into the report. */
  private static final class Totals {
    private final IngestOptions options;
    private final IdSources ids;
    private final List<ArtifactOutcome> outcomes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> newInvocations = new LinkedHashSet<>();
    private long definitions;
    private long runResults;
    private long freshness;
    private long catalog;

    Totals(IngestOptions options, IdSources ids) {
      this.options = options;
      this.ids = ids;
    }

    void warnAll(List<String> more) {
      more.forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
      warnings.addAll(more);
    }

    private final List<ArtifactOutcome> conflicts = new ArrayList<>();

    /** A conflict is a warning when conflicts are allowed, else it fails the ingest at the end. */
    void conflict(ArtifactOutcome o) {
      if (options.conflictsAllowed()) {
        add(o, null);
      } else {
        conflicts.add(o);
      }
    }

    boolean refusing() {
      return !conflicts.isEmpty();
    }

    void failOnConflicts() {
      if (!conflicts.isEmpty()) {
        throw new IngestConflictException(options.environment(), conflicts);
      }
    }

    void add(ArtifactOutcome o, Row added) {
      outcomes.add(o);
      if (added != null) {
        count(added);
      }
      if (o.warning() != null) {
        warnings.add(o.warning());
        LOG.log(System.Logger.Level.WARNING, o.warning());
      }
    }

    private final Set<String> addedInvocations = new LinkedHashSet<>();
    private final Set<String> addedSnapshots = new LinkedHashSet<>();
    private boolean addedCatalog;

    /** What the added files can change in the environment's current state. */
    CurrentState.Added added() {
      return new CurrentState.Added(addedInvocations, addedSnapshots, addedCatalog);
    }

    private void count(Row row) {
      addedInvocations.add(row.invocationId);
      switch (row.header.kind()) {
        case MANIFEST -> addedSnapshots.add(row.snapshotId);
        case CATALOG -> addedCatalog = true;
        default -> { }
      }
      if (row.newInvocation) {
        newInvocations.add(row.invocationId);
      }
      switch (row.header.kind()) {
        case RUN_RESULTS -> runResults += row.rows;
        case SOURCES -> freshness += row.rows;
        default -> { }
      }
    }

    /** What the environment holds now and did not before: definitions may be shared with others. */
    void gained(Holdings before, Holdings after) {
      definitions = after.definitions() - before.definitions();
      catalog = after.catalogEntries() - before.catalogEntries();
    }

    boolean changed() {
      return outcomes.stream().anyMatch(ArtifactOutcome::added);
    }

    IngestReport report() {
      return new IngestReport(options.environment(), outcomes, newInvocations.size(), definitions,
          runResults, freshness, catalog, warnings);
    }
  }
}
