package dev.dbtlens;

import dev.dbtlens.internal.freshness.FreshnessAnalysis;
import dev.dbtlens.internal.ingest.Ingester;
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
   * in the environment is skipped and reported as such. When it returns, the transaction has
   * committed and, for a database file, been checkpointed into the file.
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
    try (Store.Restore oneThread = store.ingestThreads()) {
      return new Ingester(store).ingest(options, paths);
    } finally {
      lineage.invalidate(options.environment());
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

  /** @return the schema version recorded in the database */
  public int schemaVersion() {
    Integer v = store.schemaVersion();
    return v == null ? 0 : v;
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
    queries.close();
    store.close();
  }
}
