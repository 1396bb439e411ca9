package dev.dbtlens;

import dev.dbtlens.internal.columns.ColumnGraph;
import dev.dbtlens.internal.columns.ColumnIngest;
import dev.dbtlens.internal.freshness.FreshnessAnalysis;
import dev.dbtlens.internal.ingest.Ingester;
import dev.dbtlens.internal.live.LogFiles;
import dev.dbtlens.internal.prune.Pruner;
import dev.dbtlens.internal.mesh.MeshQueries;
import dev.dbtlens.internal.search.SearchIndexes;
import dev.dbtlens.internal.perf.PerformanceAnalysis;
import dev.dbtlens.internal.select.LineageAccess;
import dev.dbtlens.internal.store.Environments;
import dev.dbtlens.internal.store.Queries;
import dev.dbtlens.internal.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * dbtlens: dbt artifacts in an embedded DuckDB database, with run history.
 *
 * <pre>{@code
 * try (DbtLens lens = DbtLens.open(Path.of("dbtlens.duckdb"))) {
 *   IngestReport report = lens.ingest(IngestOptions.defaults().withEnvironment("prod"),
 *       List.of(Path.of("target")));
 *   lens.runHistory("prod", "model.shop.orders", 10).forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>An instance holds one DuckDB database (a file, or in memory). A file opened with {@link
 * #open(Path)} is locked against other writers until {@link #close()}; {@link #openReadOnly(Path)}
 * takes no write lock, so any number of readers may share a file no writer holds. Methods may be
 * called from several threads; ingests are serialised.
 */
public final class DbtLens implements AutoCloseable {
  /** The version of the SQL interface this build writes (recorded in {@code dbtlens_info}). */
  public static final int SCHEMA_VERSION = Store.SCHEMA_VERSION;

  private final Store store;
  private final Queries queries;
  private final LineageAccess lineage;
  private final Alerts alerts;
  private final LiveRuns live;
  private final SearchIndexes search;

  /**
   * System property naming DuckDB's memory limit for the databases opened afterwards, e.g. {@code
   * 2GB}; empty for DuckDB's own default (80% of RAM). Unset: {@link #DEFAULT_MEMORY_LIMIT}.
   */
  public static final String MEMORY_LIMIT_PROPERTY = Store.MEMORY_LIMIT_PROPERTY;

  /**
   * The memory limit of a database unless {@link #MEMORY_LIMIT_PROPERTY} says otherwise. It bounds
   * DuckDB's buffer pool, which ingest would otherwise let grow with the file (DuckDB's default is
   * 80% of RAM); data beyond it spills to DuckDB's temp folder ({@code FILE.tmp} beside a database
   * file, {@code .tmp} in the working directory for an in-memory one). Change it on an open
   * database with {@code SET memory_limit = '2GB'} through {@link #connection()}.
   */
  public static final String DEFAULT_MEMORY_LIMIT = Store.DEFAULT_MEMORY_LIMIT;

  /**
   * System property naming DuckDB's number of worker threads. Unset: one per core for queries, and
   * one during an ingest, which keeps DuckDB's memory within {@link #DEFAULT_MEMORY_LIMIT} on large
   * manifests (with two threads a 1.2 GB manifest ran out of a 512 MB limit).
   */
  public static final String THREADS_PROPERTY = Store.THREADS_PROPERTY;

  private DbtLens(Store store) {
    this.store = store;
    this.queries = new Queries(store);
    this.lineage = new LineageAccess(store);
    this.search = new SearchIndexes(store);
    this.alerts = new Alerts(store);
    this.live = new LiveRuns(store, alerts);
  }

  /**
   * Opens a database file for reading and writing, creating it (and its schema) if absent. New files
   * are written in a storage format DuckDB 1.2 and later can open.
   *
   * @param file the database file
   * @return the open database
   * @throws NotADatabaseException if the path exists and is not a DuckDB database (an empty file is
   *     a new database); the file is left untouched
   * @throws DatabaseLockedException if another process has the file open (the message names it)
   */
  public static DbtLens open(Path file) {
    return new DbtLens(Store.open(Objects.requireNonNull(file, "file"), false));
  }

  /**
   * Opens an existing database file read-only: no ingest, no write lock.
   *
   * @param file the database file
   * @return the open database
   * @throws NotADatabaseException if the path exists and is not a DuckDB database
   */
  public static DbtLens openReadOnly(Path file) {
    return new DbtLens(Store.open(Objects.requireNonNull(file, "file"), true));
  }

  /** @return a new, empty in-memory database */
  public static DbtLens inMemory() {
    return new DbtLens(Store.open(null, false));
  }

  /**
   * Ingests artifact files, and folders of them (searched recursively for {@code manifest*.json},
   * {@code run_results*.json}, {@code sources*.json}, {@code catalog*.json}, {@code
   * semantic_manifest*.json}, each also as {@code .json.gz}), in one transaction: on any error nothing
   * is written. Files starting with gzip's magic bytes are decompressed as they are read. A file already
   * in the environment is skipped and reported as such. dbt JSON log files among the paths ({@code
   * dbt.log}, {@code *.log}, {@code *.jsonl}; docs/live.md) are read after the artifacts commit, by
   * {@link LiveRuns#ingestLogs}; then, unless {@link IngestOptions#derive()} is false, column lineage,
   * recommendations and alerts are derived from what was committed ({@link #derive}). When it
   * returns, the transaction has committed and, for a database file, been checkpointed into the file.
   *
   * @param options environment, job label and progress listener
   * @param paths files and folders
   * @return what was added and skipped
   * @throws ArtifactFormatException for bad input, naming the file, version and JSON path
   * @throws IngestConflictException for files that conflict with the environment, unless {@link
   *     IngestOptions#conflictsAllowed()}
   * @throws DbtLensException if the calling thread is interrupted: the ingest is rolled back
   */
  public synchronized IngestReport ingest(IngestOptions options, List<Path> paths) {
    if (store.readOnly()) {
      throw new DbtLensException("cannot ingest: " + store.description() + " is open read-only");
    }
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no paths to ingest");
    }
    LogFiles.Split split = LogFiles.split(paths);
    IngestReport report;
    LogIngestReport logs;
    try (Store.Restore oneThread = store.ingestThreads()) {
      report = split.artifacts().isEmpty()
          ? new IngestReport(options.environment(), List.of(), 0, 0, 0, 0, 0, List.of())
          : new Ingester(store).ingest(options, split.artifacts());
      logs = live.ingestLogs(options.environment(), split.logs());
    } finally {
      lineage.invalidate(options.environment());
      columnGraphs.remove(options.environment());
    }
    if (!options.derive()) {
      return report.with(logs, List.of());
    }
    return report.with(logs, deriveSteps(options.environment(), options.progress()));
  }

  /**
   * Derives what is computed from an environment's committed artifacts, each step in its own
   * transaction: the column lineage of the definitions that changed (docs/column-lineage.md), the
   * recommendations the SQL views show for the latest manifest (docs/recommendations.md), and the
   * alerts comparing the latest results with the history ({@link Alerts#derive}). An ingest runs
   * this before it returns unless told not to ({@link IngestOptions#withDerive}); call it after such
   * ingests to catch up. Each step stops at once when its stored marker says it is up to date, so
   * calling it again costs little, and a step that failed runs again. A step's failure, even running
   * out of Java heap, is logged as a warning and never fails the call: what is committed stands.
   *
   * <p>Alerts are derived from the environment's latest results only: results of runs ingested in
   * between without deriving raise no alerts of their own.
   *
   * @param environment the environment
   * @param progress told of each step ({@link ProgressListener#onStep}); {@link ProgressListener#NONE}
   *     for nothing
   * @return the new alerts, oldest first
   * @throws NotFoundException if the database holds no such environment
   */
  public synchronized List<Alert> derive(String environment, ProgressListener progress) {
    Objects.requireNonNull(progress, "progress");
    if (store.readOnly()) {
      throw new DbtLensException("cannot derive: " + store.description() + " is open read-only");
    }
    requireEnvironment(environment);
    return deriveSteps(environment, progress);
  }

  private List<Alert> deriveSteps(String env, ProgressListener progress) {
    afterCommit("column lineage", progress, env, () -> {
      ColumnIngest.refresh(store, env, Math.max(1, Runtime.getRuntime().availableProcessors()));
      return null;
    }, null);
    afterCommit("recommendations", progress, env, () -> {
      new dev.dbtlens.internal.recommend.Evaluator(store, lineage).materialise(env);
      return null;
    }, null);
    return afterCommit("alerts", progress, env, () -> alerts.derive(env), List.of());
  }

  /** A step derived after an ingest. */
  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }

  /** Runs a step after the ingest committed: its failure is logged, never the ingest's. */
  private static <T> T afterCommit(String what, ProgressListener progress, String environment, Step<T> step,
      T fallback) {
    progress.onStep(what);
    try {
      return step.run();
    } catch (Exception | StackOverflowError e) { // a parser deep in a huge model's SQL
      System.getLogger("dev.dbtlens").log(System.Logger.Level.WARNING,
          "deriving " + what + " for environment '" + environment + "' failed: " + e.getMessage(), e);
      return fallback;
    } catch (OutOfMemoryError e) { // what the step held is unreachable again: the ingest stands
      System.getLogger("dev.dbtlens").log(System.Logger.Level.WARNING, "deriving " + what
          + " for environment '" + environment + "' ran out of Java heap (" + e.getMessage() + "; max heap "
          + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB): the artifacts are committed; the next"
          + " ingest with a larger -Xmx derives it");
      return fallback;
    }
  }

  /**
   * Ingests into the {@code default} environment.
   *
   * @param paths files and folders
   * @return what was added and skipped
   */
  public IngestReport ingest(Path... paths) {
    return ingest(IngestOptions.defaults(), Arrays.asList(paths));
  }

  /** @return the environments in the database, sorted by name */
  public List<String> environments() {
    return queries.environments();
  }

  /**
   * Checks that the database holds an environment. Names are case-sensitive: {@code prod} and
   * {@code Prod} are two environments.
   *
   * @param environment a name
   * @throws NotFoundException if it holds no such environment; the message lists those it has and
   *     suggests one that differs only in case
   */
  public void requireEnvironment(String environment) {
    Environments.require(store, Objects.requireNonNull(environment, "environment"));
  }

  /**
   * @param environment an environment
   * @return its invocations, oldest first by {@code generated_at}
   */
  public List<Invocation> invocations(String environment) {
    return queries.invocations(environment);
  }

  /**
   * @param environment an environment
   * @return the latest definition of every node (not macros), sorted by unique id; empty when the
   *     environment has no manifest
   */
  public List<Node> nodes(String environment) {
    return queries.nodes(environment, null);
  }

  /**
   * @param environment an environment
   * @param uniqueId a unique id, e.g. {@code model.shop.orders}
   * @return the node's latest definition
   * @throws NotFoundException if the environment's latest manifest has no such node
   */
  public Node node(String environment, String uniqueId) {
    List<Node> found = queries.nodes(environment, uniqueId);
    if (found.isEmpty()) {
      throw new NotFoundException("Node '" + uniqueId + "' not found in environment '" + environment + "'.");
    }
    return found.get(0);
  }

  /**
   * A node's builds: its results in every invocation but {@code dbt compile}, {@code dbt docs
   * generate} and {@code dbt show} (which write run_results where every node they compiled reads
   * {@code success}), as {@link #runHistory(String, String, int, HistoryScope)} with {@link
   * HistoryScope#BUILDS}.
   *
   * @param environment an environment
   * @param uniqueId a unique id
   * @param limit at most this many results
   * @return the node's build results, newest first by the run's {@code generated_at}; empty if the
   *     node has none
   * @throws NotFoundException if the database has no such environment (the message lists those it
   *     has)
   */
  public List<RunResult> runHistory(String environment, String uniqueId, int limit) {
    return runHistory(environment, uniqueId, limit, HistoryScope.BUILDS);
  }

  /**
   * @param environment an environment
   * @param uniqueId a unique id
   * @param limit at most this many results
   * @param scope {@link HistoryScope#BUILDS} for builds only, {@link HistoryScope#ALL} to include
   *     compiles and {@code docs generate}
   * @return the node's run results, newest first by the run's {@code generated_at}, each with its
   *     {@link RunResult#command()}; empty if the node has none
   * @throws NotFoundException if the database has no such environment (the message lists those it
   *     has)
   */
  public List<RunResult> runHistory(String environment, String uniqueId, int limit, HistoryScope scope) {
    Objects.requireNonNull(scope, "scope");
    List<RunResult> found = queries.runHistory(environment, uniqueId, limit, scope == HistoryScope.ALL);
    if (found.isEmpty()) {
      Environments.require(store, environment);
    }
    return found;
  }

  /**
   * @param environment an environment
   * @return its latest invocation by {@code generated_at}, if any
   */
  public Optional<Invocation> latestInvocation(String environment) {
    List<Invocation> all = invocations(environment);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * The graph is built on first use and kept in this instance until an ingest into the environment
   * through it (DuckDB lets no other process write the file while it is open), so repeated calls
   * cost a map lookup and never query the database.
   *
   * @param environment an environment
   * @return the lineage of its latest manifest (by {@code generated_at})
   * @throws NotFoundException if the environment has no manifest
   * @throws ManifestCycleException if the manifest's dependencies form a cycle
   */
  public Lineage lineage(String environment) {
    return new Lineage(lineage.loaded(environment, null));
  }

  /**
   * @param environment an environment
   * @param invocationId an invocation of it, or a prefix of exactly one of its invocation ids
   * @return the lineage of the manifest in force at that invocation: the latest generated at or
   *     before it (else the earliest after it)
   * @throws InvocationNotFoundException if no invocation, or several, match (the message names
   *     the candidates)
   */
  public Lineage lineageAsOf(String environment, String invocationId) {
    return new Lineage(lineage.loaded(environment, invocationId));
  }

  /**
   * Freshness of an environment at a given time: each source's latest check and its status
   * re-evaluated at that time, each model's last attempt and last success with its {@code
   * meta.freshness} SLA, and the oldest upstream source load and model build of every model and
   * exposure (see {@code docs/freshness.md}).
   *
   * @param environment an environment
   * @param at the time to evaluate ages and statuses at; null for now
   * @return the freshness report
   * @throws NotFoundException if the database has no such environment
   */
  public FreshnessReport freshness(String environment, Instant at) {
    return new FreshnessAnalysis(store, lineage).report(environment, at == null ? Instant.now() : at);
  }

  /**
   * A new JDBC connection to the database for analysis with the SQL views documented in {@code
   * docs/sql.md}. The caller closes it. On a database opened with {@link #openReadOnly(Path)} it
   * cannot write; on one opened for writing, treat it as read-only: writes through it bypass
   * dbtlens' invariants.
   *
   * @return a connection sharing this database
   */
  public Connection connection() {
    return store.duplicate();
  }

  /**
   * A number that grows whenever this instance commits a change to the database: an ingest, live
   * log events, derived tables (column lineage, recommendations, alerts), a prune. Code that keeps
   * what it read (the GraphQL adapter keeps pages and node relations, see {@code docs/graphql.md})
   * compares it to know when to read again. Writes made by callers on {@link #connection()} are not
   * counted; while this instance holds the file, no other process can write it.
   *
   * @return the revision, starting at 0 when opened
   */
  public long revision() {
    return store.revision();
  }

  /** @return the schema version recorded in the database */
  public int schemaVersion() {
    Integer v = store.schemaVersion();
    return v == null ? 0 : v;
  }

  /**
   * Full-text search of an environment's latest manifest: names, relation names, tags,
   * descriptions, column names and descriptions, and code, ranked by relevance, with filters (see
   * {@code docs/search.md}). The Lucene index is built in memory on the environment's first search
   * and rebuilt when its manifest changes.
   *
   * @param environment an environment
   * @param query what to look for
   * @param offset matches to skip (for paging)
   * @param limit matches to return at most
   * @return a page of hits, best first, and the number of matches; empty if the environment has
   *     no manifest
   * @throws NotFoundException if the database has no such environment
   */
  public SearchResults search(String environment, SearchQuery query, int offset, int limit) {
    return search.search(Objects.requireNonNull(environment, "environment"),
        Objects.requireNonNull(query, "query"), offset, limit);
  }

  /**
   * The dbt Mesh of the database: its projects (each environment belongs to the dbt project of its
   * latest manifest), which project refers to which through cross-project {@code ref}s, and every
   * environment's public models (see {@code docs/mesh.md}; the same as the views {@code
   * mesh_projects}, {@code project_dependencies} and {@code public_models}).
   *
   * @return the mesh; no projects when nothing was ingested
   */
  public Mesh mesh() {
    return MeshQueries.read(store);
  }

  // ---- column lineage (docs/column-lineage.md) ----

  private final java.util.Map<String, ColumnGraph> columnGraphs = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Column-level lineage, computed from compiled SQL at ingest (docs/column-lineage.md).
   *
   * @param environment the environment (its current manifest)
   * @param nodeUniqueId the node
   * @param column one of its columns, or null for all of them
   * @param direction which way to walk
   * @param maxDepth edges to follow at most; 0 for no limit
   * @return the columns reached, their edges, the filter/join/group-by uses met, and (downstream)
   *     the exposures affected
   * @throws NotFoundException if the environment does not exist or the node has no column lineage
   * @since 0.3
   */
  public ColumnLineage columnLineage(String environment, String nodeUniqueId, String column,
      ColumnDirection direction, int maxDepth) {
    ColumnGraph g = columnGraph(environment);
    if (!g.hasNode(nodeUniqueId)) {
      throw new NotFoundException("no column lineage for " + nodeUniqueId + " in environment " + environment
          + " (only models and snapshots with compiled SQL have one)");
    }
    List<ColumnRef> roots = column == null ? g.columnsOf(nodeUniqueId)
        : List.of(new ColumnRef(nodeUniqueId, column));
    return g.walk(roots, direction == null ? ColumnDirection.BOTH : direction, maxDepth);
  }

  /**
   * Column-level lineage from any set of columns at once, of nodes with or without SQL (a source's
   * or seed's columns have children only). Columns no edge touches come back alone, as roots.
   * With {@code maxDepth} 1 this gives every asked column's direct parents and children in one walk
   * (what GraphQL's {@code CatalogColumn.parentColumns}/{@code childColumns} use per page).
   *
   * @param environment the environment (its current manifest)
   * @param columns the columns to start from (roots, depth 0)
   * @param direction which way to walk
   * @param maxDepth edges to follow at most; 0 for no limit
   * @return the columns reached, their edges, the filter/join/group-by uses met, and (downstream)
   *     the exposures affected
   * @throws NotFoundException if the environment does not exist
   * @since 0.3
   */
  public ColumnLineage columnLineage(String environment, java.util.Collection<ColumnRef> columns,
      ColumnDirection direction, int maxDepth) {
    return columnGraph(environment).walk(List.copyOf(columns), direction == null ? ColumnDirection.BOTH : direction,
        maxDepth);
  }

  /**
   * Impact analysis: every column computed (directly or not) from the given columns, the nodes
   * filtering, joining or grouping by any of them, and the exposures depending on an affected node.
   *
   * @param environment the environment
   * @param changed the changed columns (of any node, sources included)
   * @return the downstream lineage of all of them
   * @since 0.3
   */
  public ColumnLineage columnImpact(String environment, java.util.Collection<ColumnRef> changed) {
    return columnGraph(environment).walk(List.copyOf(changed), ColumnDirection.DOWNSTREAM, 0);
  }

  private ColumnGraph columnGraph(String environment) {
    requireEnvironment(environment);
    return columnGraphs.computeIfAbsent(environment, env -> {
      try (Connection c = store.duplicate()) {
        return ColumnGraph.load(c, env);
      } catch (java.sql.SQLException e) {
        throw new StorageException("reading the column lineage of environment " + env, e);
      }
    });
  }

  /**
   * Build performance of an environment over its stored history: dbt Explorer's rankings and
   * execution history, the critical path of a run, trends and totals per day and per job (see
   * {@code docs/performance.md}).
   *
   * @param environment an environment
   * @return its performance; each call on it reads the database afresh
   * @throws NotFoundException if the database has no such environment
   */
  public Performance performance(String environment) {
    Environments.require(store, Objects.requireNonNull(environment, "environment"));
    return new Performance(new PerformanceAnalysis(store, environment));
  }

  /** Checkpoints and closes the database; waits for a running ingest to finish first. */
  @Override
  public synchronized void close() {
    search.close();
    queries.close();
    store.close();
  }

  /**
   * Live runs from dbt's structured logs: follow a log as dbt writes it, read what logs stored.
   *
   * @return the live runs of this database (docs/live.md)
   */
  public LiveRuns live() {
    return live;
  }

  /**
   * Alerts per node: derived after each ingest and per node while following a log.
   *
   * @return the alerts of this database (docs/alerts.md)
   */
  public Alerts alerts() {
    return alerts;
  }

  /**
   * Removes old invocations and what nothing references once they are gone (manifest and catalog
   * snapshots, node definitions, compiled code, catalog entries), in one transaction, then compacts
   * the database file: its content is copied into a new file that replaces the old one atomically
   * (DuckDB's {@code CHECKPOINT} and {@code VACUUM} leave freed space inside the file). The
   * invocations each environment's current state draws on (its manifest, catalog and compiled code)
   * are kept (see {@link PruneOptions}), and each pruned environment's current state is recomputed
   * from what is left. Close the connections {@link #connection()}
   * handed out, and finish other calls, before pruning a file: the file is swapped under them.
   *
   * @param options what to keep, which environment, dry run
   * @return the invocations removed, rows removed per table and the file's size before and after
   * @throws IllegalArgumentException if the environment is not in the database
   * @throws DbtLensException if the database is open read-only
   */
  public synchronized PruneReport prune(PruneOptions options) {
    Objects.requireNonNull(options, "options");
    Path file = store.file();
    if (file != null && !options.dryRun()) {
      store.checkpoint(); // the size before in the form the size after has: the write-ahead log folded in
    }
    long before = file == null ? 0 : sizeOf(file);
    PruneReport r = new Pruner(store).prune(options);
    if (!options.dryRun()) {
      store.checkpoint();
      r.invocations().stream().map(PruneReport.Removed::environment).distinct()
          .forEach(lineage::invalidate);
    }
    if (file != null && !options.dryRun() && store.freeBlocks() > 0) {
      queries.clear();
      store.compact();
    }
    long after = file == null ? 0 : sizeOf(file);
    return new PruneReport(r.dryRun(), r.invocations(), r.rowsRemoved(), r.definitionsRemoved(),
        before, options.dryRun() ? before : after);
  }

  /** @return the size of a database file with its write-ahead log, which a checkpoint folds in */
  private static long sizeOf(Path file) {
    try {
      Path wal = file.resolveSibling(file.getFileName() + ".wal");
      return java.nio.file.Files.size(file)
          + (java.nio.file.Files.exists(wal) ? java.nio.file.Files.size(wal) : 0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("reading the size of " + file, e);
    }
  }

  /**
   * dbt-project-evaluator's rules (modeling, testing, documentation, structure, performance,
   * governance) evaluated over the environment's latest manifest, with the coverage metrics of
   * dbt Explorer's recommendations (see {@code docs/recommendations.md}).
   *
   * @param environment an environment
   * @param options thresholds, naming conventions and severities; null for the package's defaults
   * @return the violations and metrics
   * @throws NotFoundException if the environment has no manifest
   */
  public Recommendations recommendations(String environment, RecommendationOptions options) {
    return new dev.dbtlens.internal.recommend.Evaluator(store, lineage)
        .evaluate(environment, options == null ? RecommendationOptions.defaults() : options);
  }
}
