package dev.dbtlens.graphql.internal.node;

import dev.dbtlens.graphql.internal.execution.NamedSql;
import dev.dbtlens.graphql.internal.execution.NodeColumnUse;
import dev.dbtlens.graphql.internal.execution.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * The constant SQL that reads nodes, from the GraphQL node table core materialises at ingest
 * ({@code store.gql_node}: one row per current node of an environment, the JSON fields, derived
 * fields and sort measures as columns, written in unique id order) and its edges ({@code
 * store.gql_edge}).
 * Every query finds its rows on narrow columns first and then reads the wide ones for those rows
 * only ({@link #NODE_COLUMNS}); the large columns (raw and compiled code) are joined from their
 * tables by hash only when the operation asks for them ({@link Variants}). Id lists are joined
 * ({@code IN (SELECT unnest(:ids))}), not searched row by row.
 */
final class NodeSql {
  private NodeSql() {}

  /** Select items over {@code g}, a {@code store.gql_node} row: the columns {@link NodeRow} reads. */
  static final String NODE_COLUMNS = """
      g.environment, g.unique_id, g.resource_type, g.name, g.package_name, g.database, g.schema,
      g.alias, g.relation_name, g.materialized, g.tags, g.owner, g.access, g.group_name, g.version,
      g.latest_version, g.language, {rawCode} AS raw_code, {compiledCode} AS compiled_code,
      g.source_name, g.loaded_at_field, g.column_name, g.tested_node, g.contract_enforced,
      g.node_type, g.maturity, g.url, g.owner_email, g.label, g.loader, g.source_description,
      g.deprecation_date, g.modeling_layer, g.test_type, {wideColumns}""";

  /**
   * The node table's wide columns (JSON documents, lists, long text), by type: read only when the
   * operation asks a node for a field beyond {@code NodeColumnUse}'s narrow ones.
   */
  private static final List<String[]> WIDE = List.of(new String[] {"meta", "JSON"},
      new String[] {"description", "VARCHAR"}, new String[] {"original_file_path", "VARCHAR"},
      new String[] {"patch_path", "VARCHAR"}, new String[] {"config", "JSON"},
      new String[] {"fqn", "VARCHAR[]"}, new String[] {"depends_on_nodes", "VARCHAR[]"},
      new String[] {"freshness", "JSON"}, new String[] {"test_metadata", "JSON"},
      new String[] {"constraints", "JSON"}, new String[] {"definition_json", "JSON"});

  /** The joins that {@link #NODE_COLUMNS}' large columns need, after {@code g}. */
  static final String LARGE_JOINS = "{rawJoin} {compiledJoin}";

  /**
   * One page of a connection: every filter is a bound parameter that is NULL when unused; the sort
   * key is {@code :direction × the chosen measure}, NULLs last; ties and the {@code uniqueId} sort go
   * by unique id. Filters, count, sort and limit read narrow columns only; the page's rows are then
   * joined back for their wide columns. One row per node of the page, and one row with a NULL
   * unique id when the page is empty, so that {@code total_count} (the count of every match)
   * always comes back.
   */
  private static final String PAGE_SQL = """
      WITH checked AS (
        SELECT unique_id, status FROM source_freshness
        WHERE environment = :env AND :needFreshness
        QUALIFY row_number() OVER (PARTITION BY unique_id ORDER BY generated_at DESC, result_index) = 1
      ),
      base AS (
        SELECT n.rowid AS rid, n.unique_id,
               coalesce(:direction * CASE :sortField
                   WHEN 'executeCompletedAt' THEN epoch_us(n.success_completed_at)::DOUBLE
                   WHEN 'executionTime' THEN n.success_execution_time
                   WHEN 'rowCount' THEN n.catalog_row_count
                   ELSE 0 END, 1e308) AS sort_key
        FROM store.gql_node n
        LEFT JOIN checked f ON :needFreshness AND f.unique_id = n.unique_id
        WHERE n.environment = :env
          AND list_contains(:types, n.resource_type)
          AND (:ids IS NULL OR list_contains(:ids, n.unique_id) OR list_contains(:ids, n.name))
          AND (:selected IS NULL OR list_contains(:selected, n.unique_id))
          AND (:tags IS NULL OR list_has_any(n.tags, :tags))
          AND (:database IS NULL OR lower(n.database) = lower(:database))
          AND (:schema IS NULL OR lower(n.schema) = lower(:schema))
          AND (:identifier IS NULL OR lower(n.alias) = lower(:identifier))
          AND (:packageName IS NULL OR n.package_name = :packageName)
          AND (:access IS NULL OR n.access = :access)
          AND (:groupName IS NULL OR n.group_name = :groupName)
          AND (:modelingLayer IS NULL OR n.modeling_layer = :modelingLayer)
          AND (:lastRunStatus IS NULL OR n.last_run_status = :lastRunStatus)
          AND (:sourceNames IS NULL OR list_contains(:sourceNames, n.source_name))
          AND (:freshnessChecked IS NULL OR (f.unique_id IS NOT NULL) = :freshnessChecked)
          AND (:freshnessStatus IS NULL OR (CASE f.status WHEN 'pass' THEN 'Pass' WHEN 'warn' THEN 'Warn'
                 WHEN 'error' THEN 'Error' WHEN 'runtime error' THEN 'Error' WHEN 'skipped' THEN 'Skipped'
                 ELSE 'Unknown' END) = :freshnessStatus)
          AND (:testTypes IS NULL OR list_contains(:testTypes, n.test_type))
          AND (:nodeTypes IS NULL OR list_contains(:nodeTypes, n.node_type))
          AND (:meta IS NULL OR coalesce(json_contains(n.meta, CAST(:meta AS JSON)), false))
      ),
      page AS (
        SELECT rid, unique_id, sort_key FROM base
        WHERE (:afterKey IS NULL
               OR sort_key > :afterKey
               OR (sort_key = :afterKey
                   AND ((:idDesc AND unique_id < :afterId) OR (NOT :idDesc AND unique_id > :afterId))))
        ORDER BY sort_key, CASE WHEN :idDesc THEN unique_id END DESC, unique_id
        LIMIT :limit
      ),
      page_rows AS (
        SELECT {columns}, p.sort_key
        FROM page p
        JOIN store.gql_node g ON g.rowid = p.rid
        {largeJoins}
      )
      SELECT r.*, t.total_count
      FROM (SELECT count(*) AS total_count FROM base) t
      LEFT JOIN page_rows r ON true
      ORDER BY r.sort_key, CASE WHEN :idDesc THEN r.unique_id END DESC, r.unique_id"""
      .replace("{columns}", NODE_COLUMNS).replace("{largeJoins}", LARGE_JOINS);

  /**
   * A page. The freshness checks are read only when a filter needs them ({@code :needFreshness});
   * every other filter and sort reads the node table's own columns.
   */
  static final Variants PAGE = Variants.of(PAGE_SQL);

  /** Nodes by unique id. */
  static final Variants BY_IDS = Variants.of("""
      WITH k AS (
        SELECT rowid AS rid FROM store.gql_node
        WHERE environment = :env AND unique_id IN (SELECT unnest(:ids))
      )
      SELECT {columns}
      FROM k
      JOIN store.gql_node g ON g.rowid = k.rid
      {largeJoins}
      ORDER BY g.unique_id""".replace("{columns}", NODE_COLUMNS).replace("{largeJoins}", LARGE_JOINS));

  /**
   * The direct parents of nodes: {@code key_id} is the node asked about. {@code :types} NULL keeps
   * every type.
   */
  static final Variants PARENTS = Variants.of(neighbours("child_id", "parent_id"));

  /** The direct children of nodes, as {@link #PARENTS}. */
  static final Variants CHILDREN = Variants.of(neighbours("parent_id", "child_id"));

  private static String neighbours(String key, String other) {
    return """
        WITH k AS (
          SELECT e.{key} AS key_id, n.rowid AS rid
          FROM store.gql_edge e
          JOIN store.gql_node n ON n.environment = :env AND n.unique_id = e.{other}
          WHERE e.environment = :env AND e.{key} IN (SELECT unnest(:ids))
            AND (:types IS NULL OR list_contains(:types, n.resource_type))
        )
        SELECT k.key_id, {columns}
        FROM k
        JOIN store.gql_node g ON g.rowid = k.rid
        {largeJoins}
        ORDER BY k.key_id, g.unique_id"""
        .replace("{key}", key).replace("{other}", other)
        .replace("{columns}", NODE_COLUMNS).replace("{largeJoins}", LARGE_JOINS);
  }

  /** The models of groups: {@code key_id} is the group asked about. */
  static final Variants GROUP_MODELS = Variants.of("""
      WITH k AS (
        SELECT gr.unique_id AS key_id, n.rowid AS rid
        FROM store.gql_node gr
        JOIN store.gql_node n ON n.environment = :env AND n.group_name = gr.name AND n.resource_type = 'model'
        WHERE gr.environment = :env AND gr.resource_type = 'group' AND gr.unique_id IN (SELECT unnest(:ids))
      )
      SELECT k.key_id, {columns}
      FROM k
      JOIN store.gql_node g ON g.rowid = k.rid
      {largeJoins}
      ORDER BY k.key_id, g.unique_id""".replace("{columns}", NODE_COLUMNS).replace("{largeJoins}", LARGE_JOINS));

  /**
   * Every version of versioned models ({@code key_id}, itself included): the models of the same
   * package and name that have a version, in unique id order.
   */
  static final Variants MODEL_VERSIONS = Variants.of("""
      WITH k AS (
        SELECT m.unique_id AS key_id, n.rowid AS rid
        FROM store.gql_node m
        JOIN store.gql_node n ON n.environment = :env AND n.resource_type = 'model'
          AND n.package_name = m.package_name AND n.name = m.name AND n.version IS NOT NULL
        WHERE m.environment = :env AND m.resource_type = 'model' AND m.version IS NOT NULL
          AND m.unique_id IN (SELECT unnest(:ids))
      )
      SELECT k.key_id, {columns}
      FROM k
      JOIN store.gql_node g ON g.rowid = k.rid
      {largeJoins}
      ORDER BY k.key_id, g.unique_id""".replace("{columns}", NODE_COLUMNS).replace("{largeJoins}", LARGE_JOINS));

  /**
   * A query in one form per set of large columns read ({@link NodeColumnUse} bits): a column not
   * asked for is NULL, and its table is not joined; the wide columns of the node table ({@link
   * #WIDE}) are NULL unless the {@code WIDE} bit is set. The node's JSON fields are columns of the
   * node table, so the JSON bit changes nothing here.
   */
  record Variants(List<NamedSql> byColumns) {
    static Variants of(String sql) {
      List<NamedSql> forms = new ArrayList<>();
      for (int columns = 0; columns <= NodeColumnUse.ALL; columns++) {
        boolean raw = (columns & NodeColumnUse.RAW_CODE) != 0;
        boolean compiled = (columns & NodeColumnUse.COMPILED_CODE) != 0;
        boolean wide = (columns & NodeColumnUse.WIDE) != 0;
        forms.add(NamedSql.of(sql
            .replace("{wideColumns}", String.join(", ", WIDE.stream()
                .map(c -> wide ? "g." + c[0] : "NULL::" + c[1] + " AS " + c[0]).toList()))
            .replace("{rawCode}", raw ? "d.raw_code" : "NULL::VARCHAR")
            .replace("{compiledCode}", compiled ? "c.compiled_code" : "NULL::VARCHAR")
            .replace("{rawJoin}", raw ? "LEFT JOIN store.node_def d ON d.def_hash = g.def_hash" : "")
            .replace("{compiledJoin}", compiled
                ? "LEFT JOIN store.compiled c ON c.compiled_hash = g.compiled_hash" : "")));
      }
      return new Variants(forms);
    }

    NamedSql get(Request request) {
      return byColumns.get(request.nodeColumns());
    }
  }
}
