package dev.dbtlens.internal.store;

import dev.dbtlens.RunResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recomputes an environment's current state (store.current_*) at the end of an ingest, inside its
 * transaction, so that the public views read it instead of scanning every stored manifest and
 * catalog on each query.
 */
public final class CurrentState {
  private CurrentState() {}

  /**
   * {@link RunResult#NON_BUILD_COMMANDS} as a SQL list (constants, not user input): run results of
   * any other command, or of a file that names none, are builds.
   */
  public static final String NON_BUILDS_SQL = RunResult.NON_BUILD_COMMANDS.stream().sorted()
      .map(c -> "'" + c + "'").collect(Collectors.joining(", "));

  /** Recomputes the current state of every environment. */
  public static void refreshAll(Connection conn) throws SQLException {
    for (String env : Sql.strings(conn, "SELECT DISTINCT environment FROM store.artifact")) {
      refresh(conn, env);
    }
  }

  public static void refresh(Connection conn, String environment) throws SQLException {
    refreshDefinitions(conn, environment);
    refreshExecutions(conn, environment);
    if (hasGraphQLTables(conn)) {
      refreshGraphQL(conn, environment);
    }
  }

  /**
   * What one ingest added to an environment, for {@link #refresh(Connection, String, Added)}.
   *
   * @param invocations the invocation ids of the artifact files it added
   * @param manifestSnapshots the snapshot ids of the manifests it added
   * @param catalogs whether it added a catalog
   */
  public record Added(Set<String> invocations, Set<String> manifestSnapshots, boolean catalogs) {
    /** Copies the sets. */
    public Added {
      invocations = Set.copyOf(invocations);
      manifestSnapshots = Set.copyOf(manifestSnapshots);
    }
  }

  /**
   * Recomputes only the parts of an environment's current state that what an ingest added can
   * change, with the same result as {@link #refresh(Connection, String)}: the current manifest
   * always; the current nodes unless every added manifest is the current snapshot, which was
   * already current (a re-run of an unchanged project: same members, same compiled code); the
   * executions only when an added invocation has run results (their rows, run ids and job labels
   * belong to the invocation); the catalog only when a catalog was added; the GraphQL tables from
   * those. Rewriting unchanged tables was most of an unchanged re-ingest (and of its commit); once
   * an environment has a current manifest, its current nodes, GraphQL node rows and edges are
   * updated in place, in the rows that changed.
   */
  public static void refresh(Connection conn, String environment, Added added) throws SQLException {
    String before = currentSnapshot(conn, environment);
    refreshManifest(conn, environment);
    String after = currentSnapshot(conn, environment);
    boolean nodes = before == null || !before.equals(after)
        || added.manifestSnapshots().stream().anyMatch(s -> !s.equals(after));
    boolean executions = false;
    for (String invocation : added.invocations()) {
      executions = executions || Sql.exists(conn, "SELECT 1 FROM store.artifact"
          + " WHERE environment = ? AND invocation_id = ? AND kind = 'run_results'", environment, invocation);
    }
    boolean catalog = added.catalogs();
    if (nodes) {
      refreshNodes(conn, environment, before != null);
    }
    if (catalog) {
      refreshCatalog(conn, environment);
    }
    if (executions) {
      refreshExecutions(conn, environment, added.invocations());
    }
    if (!hasGraphQLTables(conn)) {
      return;
    }
    if (before == null) {
      refreshGraphQLNodes(conn, environment);
    } else {
      if (nodes) { // the rows of the nodes whose definition or compiled code changed
        refreshChangedGraphQLNodes(conn, environment);
      }
      if (executions || catalog) { // the run state of the rows whose run state changed
        refreshGraphQLRunState(conn, environment);
      }
    }
    if (before == null || !before.equals(after)) {
      refreshGraphQLEdges(conn, environment, before != null);
    }
    if (nodes || catalog) {
      refreshGraphQLCatalog(conn, environment);
    }
  }

  private static String currentSnapshot(Connection conn, String environment) throws SQLException {
    return Sql.first(conn, "SELECT snapshot_id FROM store.current_manifest WHERE environment = ?", environment);
  }

  /**
   * Fills the GraphQL node and edge tables of every environment: the step of the migration to
   * schema version 3 that creates them ({@code v3-gql.sql}), after the rest of the current state.
   */
  public static void refreshGraphQLAll(Connection conn) throws SQLException {
    for (String env : Sql.strings(conn, "SELECT DISTINCT environment FROM store.artifact")) {
      refreshGraphQL(conn, env);
    }
  }

  /**
   * The migration from version 1 refreshes the current state before the version-3 tables exist;
   * the version-3 step fills them then.
   */
  private static boolean hasGraphQLTables(Connection conn) throws SQLException {
    return !Sql.strings(conn, "SELECT table_name FROM duckdb_tables()"
        + " WHERE schema_name = 'store' AND table_name = 'gql_node'").isEmpty();
  }

  /**
   * The GraphQL adapter's node table ({@code store.gql_node}, {@code v3-gql.sql}): the current
   * nodes but macros with their definition's columns, the JSON fields the Discovery API's node
   * types read, two derived fields (modeling layer, test type) and what pages sort and filter on
   * (last attempt's status, last success, catalog row count), written in unique id order (the rows
   * of nodes a later manifest changes are appended); the latest manifest's edges ({@code
   * store.gql_edge}); and each node's last known catalog entry with its
   * columns and their YAML descriptions ({@code store.gql_catalog}). Reads the current state
   * refreshed before it.
   */
  static void refreshGraphQL(Connection conn, String environment) throws SQLException {
    refreshGraphQLNodes(conn, environment);
    refreshGraphQLEdges(conn, environment, false);
    refreshGraphQLCatalog(conn, environment);
  }

  private static void refreshGraphQLNodes(Connection conn, String environment) throws SQLException {
    Sql.update(conn, "DELETE FROM store.gql_node WHERE environment = ?", environment);
    Sql.update(conn, GQL_NODES.replace("{nodes}", "store.current_node").replace("{defs}", "store.node_def"),
        environment);
  }

  /**
   * The GraphQL node rows of the nodes whose definition or compiled code changed, added or removed,
   * when nothing else a row reads (executions, catalog) changed: the rows that no longer match the
   * current nodes are deleted, and those of the current nodes without a row inserted. A re-run of a
   * slightly changed project then rewrites a few rows instead of the whole table (and its commit).
   */
  private static void refreshChangedGraphQLNodes(Connection conn, String environment) throws SQLException {
    Sql.update(conn, """
        DELETE FROM store.gql_node g
        WHERE g.environment = ? AND NOT EXISTS (
          SELECT 1 FROM store.current_node cn
          WHERE cn.environment = g.environment AND cn.unique_id = g.unique_id
            AND cn.def_hash = g.def_hash AND cn.compiled_hash IS NOT DISTINCT FROM g.compiled_hash)""",
        environment);
    // the few nodes without a row, first into a table of their own: joined to the definitions
    // straight away, the planner builds its hash table from every definition's columns (raw JSON
    // included) before it drops those that already have a row
    Sql.update(conn, """
        CREATE OR REPLACE TEMP TABLE gql_pending AS
        SELECT cn.* FROM store.current_node cn
        WHERE cn.environment = ? AND NOT EXISTS (
          SELECT 1 FROM store.gql_node g WHERE g.environment = cn.environment AND g.unique_id = cn.unique_id)""",
        environment);
    // and their definitions, fetched by row id: joined on the content hash, DuckDB decompresses the
    // wide columns (raw JSON, descriptions) of every row group it scans, 90 ms for 306 of 34,000
    // definitions at 10k models; the row ids come from the narrow hash column alone
    Sql.update(conn, """
        CREATE OR REPLACE TEMP TABLE gql_pending_def AS
        SELECT * FROM store.node_def WHERE rowid IN (
          SELECT rowid FROM store.node_def WHERE def_hash IN (SELECT def_hash FROM temp.gql_pending))""");
    Sql.update(conn, GQL_NODES.replace("{nodes}", "temp.gql_pending").replace("{defs}", "temp.gql_pending_def"),
        environment);
    Sql.update(conn, "DROP TABLE temp.gql_pending; DROP TABLE temp.gql_pending_def");
  }

  /**
   * What a GraphQL node row {@code j} reads of its node's runs and catalog: the last attempt
   * {@code a}, the last success {@code s} and the catalog entry {@code e}.
   */
  private static final String RUN_STATE_JOINS = """
        LEFT JOIN store.current_execution a
               ON a.environment = j.environment AND a.unique_id = j.unique_id AND a.kind = 'attempt'
        LEFT JOIN store.current_execution s
               ON s.environment = j.environment AND s.unique_id = j.unique_id AND s.kind = 'success'
        LEFT JOIN store.current_catalog c ON c.environment = j.environment AND c.unique_id = j.unique_id
        LEFT JOIN store.catalog_entry e ON e.entry_hash = c.entry_hash""";

  /**
   * Inserts an environment's GraphQL node rows from {@code {nodes}}, its current nodes or some of
   * them, and {@code {defs}}, their definitions (all of them, or a part that holds theirs).
   */
  private static final String GQL_NODES = """
        INSERT INTO store.gql_node
        WITH j AS (
          SELECT cn.environment, cn.unique_id, cn.def_hash, cn.compiled_hash, d.resource_type, d.name,
                 d.package_name, d.database, d.schema, d.alias, d.relation_name, d.materialized,
                 d.tags, d.meta, d.description, d.original_file_path, d.patch_path, d.owner,
                 d.access, d.group_name, d.version, d.latest_version, d.language, d.config, d.fqn,
                 d.depends_on_nodes, d.source_name, d.loaded_at_field, d.freshness, d.test_metadata,
                 d.column_name,
                 CASE WHEN d.resource_type IN ('test', 'unit_test')
                      THEN coalesce(d.attached_node, d.depends_on_nodes[1]) END AS tested_node,
                 d.contract_enforced, d.constraints,
                 json_extract_string(d.raw_json, ['$.type', '$.maturity', '$.url', '$.owner.email',
                     '$.label', '$.loader', '$.source_description', '$.deprecation_date']) AS f,
                 CASE WHEN d.resource_type IN ('metric', 'semantic_model', 'saved_query', 'unit_test',
                                               'group', 'function')
                      THEN d.raw_json END AS definition_json,
                 CASE WHEN d.resource_type <> 'model' THEN NULL
                      WHEN list_contains(d.fqn[2:-2], 'staging') OR starts_with(d.name, 'stg_')
                           OR starts_with(d.name, 'base_') THEN 'staging'
                      WHEN list_contains(d.fqn[2:-2], 'intermediate') OR starts_with(d.name, 'int_')
                           THEN 'intermediate'
                      WHEN list_contains(d.fqn[2:-2], 'marts') OR list_contains(d.fqn[2:-2], 'mart')
                           OR starts_with(d.name, 'fct_') OR starts_with(d.name, 'dim_') THEN 'marts'
                      ELSE 'other' END AS modeling_layer,
                 CASE WHEN d.resource_type = 'unit_test' THEN 'UNIT_TEST'
                      WHEN d.resource_type = 'test' AND d.test_metadata IS NOT NULL THEN 'GENERIC_DATA_TEST'
                      WHEN d.resource_type = 'test' THEN 'SINGULAR_DATA_TEST' END AS test_type
          FROM {nodes} cn
          JOIN {defs} d ON d.def_hash = cn.def_hash
          WHERE cn.environment = ? AND d.resource_type <> 'macro')
        SELECT j.* EXCLUDE (f, definition_json, modeling_layer, test_type),
               f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8],
               j.definition_json, j.modeling_layer, j.test_type,
               a.status, s.execute_completed_at, s.execution_time, e.row_count
        FROM j
        {runStateJoins}
        ORDER BY j.unique_id""".replace("{runStateJoins}", RUN_STATE_JOINS);

  /**
   * The run state of the GraphQL node rows (last attempt's status, last success's completion and
   * time, catalog row count), updated in the rows where it changed. After run results or a catalog
   * most rows keep their definition; rewriting the whole table took a second of a 10k-model
   * re-ingest and of its commit, and these four columns are all that differ.
   */
  private static void refreshGraphQLRunState(Connection conn, String environment) throws SQLException {
    Sql.update(conn, """
        UPDATE store.gql_node g
        SET last_run_status = x.status, success_completed_at = x.execute_completed_at,
            success_execution_time = x.execution_time, catalog_row_count = x.row_count
        FROM (SELECT j.unique_id, a.status, s.execute_completed_at, s.execution_time, e.row_count
              FROM store.gql_node j
              {runStateJoins}
              WHERE j.environment = ?) x
        WHERE g.environment = ? AND g.unique_id = x.unique_id
          AND (g.last_run_status IS DISTINCT FROM x.status
               OR g.success_completed_at IS DISTINCT FROM x.execute_completed_at
               OR g.success_execution_time IS DISTINCT FROM x.execution_time
               OR g.catalog_row_count IS DISTINCT FROM x.row_count)"""
        .replace("{runStateJoins}", RUN_STATE_JOINS), environment, environment);
  }

  /**
   * The current manifest's edges. {@code changed}: the table already holds an earlier manifest's
   * edges, of which most are still there; only the pairs that left are deleted and those that
   * came inserted, instead of rewriting the table (and its part of the commit).
   */
  private static void refreshGraphQLEdges(Connection conn, String environment, boolean changed)
      throws SQLException {
    String current = """
        SELECT cm.environment, e.parent_id, e.child_id
        FROM store.current_manifest cm
        JOIN store.snapshot_edge e ON e.snapshot_id = cm.snapshot_id
        WHERE cm.environment = ?""";
    if (!changed) {
      Sql.update(conn, "DELETE FROM store.gql_edge WHERE environment = ?", environment);
      Sql.update(conn, "INSERT INTO store.gql_edge " + current + " ORDER BY e.child_id, e.parent_id", environment);
      return;
    }
    Sql.update(conn, "DELETE FROM store.gql_edge g WHERE g.environment = ? AND NOT EXISTS (SELECT 1 FROM ("
        + current + ") c WHERE c.parent_id = g.parent_id AND c.child_id = g.child_id)", environment, environment);
    Sql.update(conn, "INSERT INTO store.gql_edge SELECT * FROM (" + current + ") c"
        + " WHERE NOT EXISTS (SELECT 1 FROM store.gql_edge g WHERE g.environment = c.environment"
        + " AND g.parent_id = c.parent_id AND g.child_id = c.child_id) ORDER BY c.child_id, c.parent_id",
        environment);
  }

  private static void refreshGraphQLCatalog(Connection conn, String environment) throws SQLException {
    Sql.update(conn, "DELETE FROM store.gql_catalog WHERE environment = ?", environment);
    Sql.update(conn, """
        INSERT INTO store.gql_catalog
        WITH declared AS (
          SELECT cn.unique_id, lower(y.column_name) AS column_key, y.description, y.tags, y.meta
          FROM store.current_node cn
          JOIN store.def_column y ON y.def_hash = cn.def_hash
          WHERE cn.environment = ?)
        SELECT lc.environment, lc.unique_id, e.database, e.schema, e.name, e.table_type, e.comment,
               e.owner, e.row_count, e.bytes, e.stats, lc.catalog_generated_at,
               cc.column_name, cc.column_index, cc.data_type, cc.comment, y.description, y.tags, y.meta
        FROM store.current_catalog lc
        JOIN store.catalog_entry e ON e.entry_hash = lc.entry_hash
        LEFT JOIN store.catalog_column cc ON cc.entry_hash = lc.entry_hash
        LEFT JOIN declared y ON y.unique_id = lc.unique_id AND y.column_key = lower(cc.column_name)
        WHERE lc.environment = ?
        ORDER BY lc.unique_id, cc.column_index, cc.column_name""", environment, environment);
  }

  /**
   * Each node's last build attempt and last successful build, with its run's ids, job label (as
   * the invocations view labels it) and elapsed time: what executionInfo answers, two rows per
   * built node.
   */
  private static void refreshExecutions(Connection conn, String environment) throws SQLException {
    Sql.update(conn, "DELETE FROM store.current_execution WHERE environment = ?", environment);
    Sql.update(conn, EXECUTIONS.replace("{scope}", "").replace("{current}", "")
        .replace("{nonBuilds}", NON_BUILDS_SQL), environment, environment);
  }

  /**
   * Recomputes the executions of the nodes that the added invocations' run results name, from those
   * results and the nodes' current rows only: the latest attempt (and success) over all stored
   * builds is the latest of the latest so far and the new ones, so that an ingest costs what it adds,
   * not what the environment has kept. When a current row already comes from an added invocation
   * (its run results are being completed by another file of it, whose job label or command may
   * change), every execution is recomputed.
   */
  private static void refreshExecutions(Connection conn, String environment, Set<String> invocations)
      throws SQLException {
    // one parameter per invocation: a constant IN list lets DuckDB skip the row groups of other
    // invocations (their results are stored together, in ingest order)
    List<Object> ids = List.copyOf(invocations);
    String in = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
    List<Object> params = new ArrayList<>(List.of(environment));
    params.addAll(ids);
    if (Sql.exists(conn, "SELECT 1 FROM store.current_execution WHERE environment = ?"
        + " AND invocation_id IN (" + in + ")", params.toArray())) {
      refreshExecutions(conn, environment);
      return;
    }
    params = new ArrayList<>(List.of(environment, environment)); // the runs, the builds
    params.addAll(ids); // the builds' scope
    params.add(environment); // the current rows
    params.addAll(ids); // the current rows' scope
    Sql.update(conn, "CREATE OR REPLACE TEMP TABLE added_execution AS "
        + EXECUTIONS.replace("INSERT INTO store.current_execution", "")
            .replace("{scope}", " AND r.invocation_id IN (" + in + ")")
            .replace("{current}", CURRENT_CANDIDATES.replace("{in}", in))
            .replace("{nonBuilds}", NON_BUILDS_SQL), params.toArray());
    Sql.update(conn, "DELETE FROM store.current_execution WHERE environment = ?"
        + " AND unique_id IN (SELECT unique_id FROM temp.added_execution)", environment);
    Sql.update(conn, "INSERT INTO store.current_execution SELECT * FROM temp.added_execution;"
        + " DROP TABLE temp.added_execution");
  }

  /**
   * The latest attempt and the latest success of each node over the builds of an environment; of two
   * results of the same time and index (as copied files give), the one of the greater invocation id.
   * {@code {scope}} narrows the run results read; {@code {current}} adds the nodes' current rows as
   * candidates.
   */
  private static final String EXECUTIONS = """
      INSERT INTO store.current_execution
      WITH runs AS (
        SELECT invocation_id,
               max(command) FILTER (WHERE kind = 'run_results') AS command,
               coalesce(max(job), max(command) FILTER (WHERE kind = 'run_results'), max(command)) AS job,
               max(elapsed_time) FILTER (WHERE kind = 'run_results') AS elapsed_time
        FROM store.artifact WHERE environment = ? GROUP BY invocation_id
        HAVING bool_or(kind = 'run_results')),
      builds AS (
        SELECT r.*, runs.command, runs.job, ids.run_id, ids.job_id, runs.elapsed_time AS run_elapsed_time
        FROM store.run_result r
        JOIN runs ON runs.invocation_id = r.invocation_id
        LEFT JOIN store.run_ids ids ON ids.environment = r.environment AND ids.invocation_id = r.invocation_id
        WHERE r.environment = ? AND (runs.command IS NULL OR runs.command NOT IN ({nonBuilds})){scope}{current}),
      ranked AS (
        SELECT *, row_number() OVER (PARTITION BY unique_id
                                     ORDER BY generated_at DESC, result_index DESC, invocation_id DESC) AS attempt_rank,
               CASE WHEN status IN ('success', 'pass') THEN row_number() OVER (
                 PARTITION BY unique_id, status IN ('success', 'pass')
                 ORDER BY generated_at DESC, result_index DESC, invocation_id DESC) END AS success_rank
        FROM builds)
      SELECT 'attempt', * EXCLUDE (attempt_rank, success_rank) FROM ranked WHERE attempt_rank = 1
      UNION ALL
      SELECT 'success', * EXCLUDE (attempt_rank, success_rank) FROM ranked WHERE success_rank = 1""";

  /** The current rows of the nodes the new builds name, as candidates beside those builds. */
  private static final String CURRENT_CANDIDATES = """

        UNION ALL BY NAME
        SELECT DISTINCT c.* EXCLUDE (kind) FROM store.current_execution c
        WHERE c.environment = ? AND c.unique_id IN (SELECT unique_id FROM store.run_result r
          WHERE r.environment = c.environment AND r.invocation_id IN ({in}))""";

  private static void refreshDefinitions(Connection conn, String environment) throws SQLException {
    refreshManifest(conn, environment);
    refreshNodes(conn, environment, false);
    refreshCatalog(conn, environment);
  }

  private static void refreshManifest(Connection conn, String environment) throws SQLException {
    Sql.update(conn, "DELETE FROM store.current_manifest WHERE environment = ?", environment);
    Sql.update(conn, """
        INSERT INTO store.current_manifest
        SELECT environment, invocation_id, snapshot_id, generated_at FROM store.artifact
        WHERE environment = ? AND kind = 'manifest'
        QUALIFY row_number() OVER (ORDER BY generated_at DESC, ingested_at DESC, invocation_id DESC) = 1""",
        environment);
  }

  /**
   * The current nodes. {@code changed}: the table already holds those of an earlier manifest, of
   * which most are still current; only the rows that differ are deleted and the missing ones
   * inserted, as for the GraphQL rows.
   */
  private static void refreshNodes(Connection conn, String environment, boolean changed) throws SQLException {
    // a definition's compiled code is the manifest's own, else the last one seen for that definition
    String current = """
        WITH seen AS (
          SELECT snapshot_id, max(generated_at) AS generated_at FROM store.artifact
          WHERE environment = ? AND kind = 'manifest' GROUP BY snapshot_id),
        last_compiled AS (
          SELECT m.def_hash, arg_max(m.compiled_hash, s.generated_at) AS compiled_hash
          FROM seen s JOIN store.snapshot_member m ON m.snapshot_id = s.snapshot_id
          WHERE m.compiled_hash IS NOT NULL GROUP BY m.def_hash)
        SELECT cm.environment, m.unique_id, m.def_hash, coalesce(m.compiled_hash, lc.compiled_hash) AS compiled_hash
        FROM store.current_manifest cm
        JOIN store.snapshot_member m ON m.snapshot_id = cm.snapshot_id
        LEFT JOIN last_compiled lc ON lc.def_hash = m.def_hash
        WHERE cm.environment = ?""";
    if (!changed) {
      Sql.update(conn, "DELETE FROM store.current_node WHERE environment = ?", environment);
      Sql.update(conn, "INSERT INTO store.current_node " + current, environment, environment);
      return;
    }
    Sql.update(conn, "CREATE OR REPLACE TEMP TABLE current_node_next AS " + current, environment, environment);
    Sql.update(conn, """
        DELETE FROM store.current_node c
        WHERE c.environment = ? AND NOT EXISTS (
          SELECT 1 FROM temp.current_node_next n
          WHERE n.unique_id = c.unique_id AND n.def_hash = c.def_hash
            AND n.compiled_hash IS NOT DISTINCT FROM c.compiled_hash)""", environment);
    Sql.update(conn, """
        INSERT INTO store.current_node
        SELECT * FROM temp.current_node_next n
        WHERE NOT EXISTS (SELECT 1 FROM store.current_node c
                          WHERE c.environment = n.environment AND c.unique_id = n.unique_id)""");
    Sql.update(conn, "DROP TABLE temp.current_node_next");
  }

  private static void refreshCatalog(Connection conn, String environment) throws SQLException {
    Sql.update(conn, "DELETE FROM store.current_catalog WHERE environment = ?", environment);
    Sql.update(conn, """
        INSERT INTO store.current_catalog
        WITH seen AS (
          SELECT snapshot_id, max(generated_at) AS generated_at FROM store.artifact
          WHERE environment = ? AND kind = 'catalog' GROUP BY snapshot_id)
        SELECT ?, m.unique_id, arg_max(m.def_hash, s.generated_at), max(s.generated_at)
        FROM seen s JOIN store.snapshot_member m ON m.snapshot_id = s.snapshot_id
        GROUP BY m.unique_id""", environment, environment);
  }
}
