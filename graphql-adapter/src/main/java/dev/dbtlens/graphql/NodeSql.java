package dev.dbtlens.graphql;

import java.util.ArrayList;
import java.util.List;

/**
 * The constant SQL that reads nodes. Every query starts from {@link #NODE_ROWS}: the rows of the
 * {@code nodes} view of one environment (read from its tables, to leave out the large columns no
 * field asks for: {@link Variants}) with two derived fields (modeling layer, test
 * type) and the node's JSON, from which {@link #NODE_JSON} reads a few more in the final SELECT
 * only, on the rows returned: parsing the JSON of every node of the environment would cost more
 * than the rest of a query.
 */
final class NodeSql {
  private NodeSql() {}

  /** Commands whose run results are builds (NULL: the file does not say). */
  static final String BUILD_COMMANDS =
      "(command IS NULL OR command IN ('build', 'run', 'seed', 'snapshot', 'test', 'retry'))";

  static final String NODE_ROWS = """
      node_rows AS NOT MATERIALIZED (
        SELECT n.environment, n.unique_id, n.resource_type, n.name, n.package_name, n.database,
               n.schema, n.alias, n.relation_name, n.materialized, n.tags, n.meta, n.description,
               n.original_file_path, n.patch_path, n.owner, n.access, n."group" AS group_name,
               n.version, n.latest_version, n.language, n.raw_code, n.compiled_code, n.config, n.fqn,
               n.depends_on_nodes, n.source_name, n.loaded_at_field, n.freshness, n.test_metadata,
               n.column_name, n.contract_enforced, n.constraints,
               CASE WHEN n.resource_type IN ('test', 'unit_test')
                    THEN coalesce(n.attached_node, n.depends_on_nodes[1]) END AS tested_node,
               n.raw_json,
               CASE WHEN n.resource_type <> 'model' THEN NULL
                    WHEN list_contains(n.fqn[2:-2], 'staging') OR starts_with(n.name, 'stg_')
                         OR starts_with(n.name, 'base_') THEN 'staging'
                    WHEN list_contains(n.fqn[2:-2], 'intermediate') OR starts_with(n.name, 'int_')
                         THEN 'intermediate'
                    WHEN list_contains(n.fqn[2:-2], 'marts') OR list_contains(n.fqn[2:-2], 'mart')
                         OR starts_with(n.name, 'fct_') OR starts_with(n.name, 'dim_') THEN 'marts'
                    ELSE 'other' END AS modeling_layer,
               CASE WHEN n.resource_type = 'unit_test' THEN 'UNIT_TEST'
                    WHEN n.resource_type = 'test' AND n.test_metadata IS NOT NULL THEN 'GENERIC_DATA_TEST'
                    WHEN n.resource_type = 'test' THEN 'SINGULAR_DATA_TEST' END AS test_type
        FROM (
          -- the rows of the nodes view, from its tables: the large columns only when asked for
          SELECT cn.environment, d.unique_id, d.resource_type, d.name, d.package_name, d.database,
                 d.schema, d.alias, d.relation_name, d.materialized, d.tags, d.meta, d.description,
                 d.original_file_path, d.patch_path, d.owner, d.access, d.group_name AS "group",
                 d.version, d.latest_version, d.language, {rawCode} AS raw_code,
                 {compiledCode} AS compiled_code, d.config, d.fqn, d.depends_on_nodes,
                 d.source_name, d.loaded_at_field, d.freshness, d.test_metadata, d.column_name,
                 d.attached_node, d.contract_enforced, d.constraints, {rawJson} AS raw_json
          FROM store.current_node cn
          JOIN store.node_def d ON d.def_hash = cn.def_hash
          {compiledJoin}
          WHERE cn.environment = :env AND d.resource_type <> 'macro'
        ) n
      )""";

  /**
   * Select items over {@code n}, a {@link #NODE_ROWS} row: its columns but the JSON, the JSON fields
   * in one parse ({@code node_json}, a list) and the definition of metrics and semantic models. The
   * SELECT over that row names the list's items with {@link #NODE_JSON_COLUMNS}.
   */
  static final String NODE_JSON = """
      n.* EXCLUDE (raw_json),
      json_extract_string(n.raw_json, ['$.type', '$.maturity', '$.url', '$.owner.email', '$.label',
          '$.loader', '$.source_description', '$.deprecation_date']) AS node_json,
      CASE WHEN n.resource_type IN ('metric', 'semantic_model', 'saved_query', 'unit_test', 'group',
                                    'function')
           THEN n.raw_json END AS definition_json""";

  /** Select items over {@code j}, a row of {@link #NODE_JSON}: the columns {@link NodeRow} reads. */
  static final String NODE_JSON_COLUMNS = """
      j.* EXCLUDE (node_json), j.node_json[1] AS node_type, j.node_json[2] AS maturity,
      j.node_json[3] AS url, j.node_json[4] AS owner_email, j.node_json[5] AS label,
      j.node_json[6] AS loader, j.node_json[7] AS source_description,
      j.node_json[8] AS deprecation_date""";

  /**
   * One page of a connection: every filter is a bound parameter that is NULL when unused; the sort
   * key is {@code :direction × the chosen measure}, NULLs last; ties and the {@code uniqueId} sort go
   * by unique id. One row per node of the page, and one row with a NULL unique id when the page is
   * empty, so that {@code total_count} (the count of every match) always comes back.
   */
  private static final String PAGE_SQL = "WITH " + NODE_ROWS + ",\n" + """
      builds AS (
        SELECT unique_id, status, generated_at, result_index, execute_completed_at, execution_time
        FROM run_results
        WHERE environment = :env AND {builds} AND :needRuns
      ),
      attempt AS (
        SELECT unique_id, status FROM builds
        QUALIFY row_number() OVER (PARTITION BY unique_id ORDER BY generated_at DESC, result_index DESC) = 1
      ),
      success AS (
        SELECT unique_id, execute_completed_at, execution_time FROM builds
        WHERE status IN ('success', 'pass')
        QUALIFY row_number() OVER (PARTITION BY unique_id ORDER BY generated_at DESC, result_index DESC) = 1
      ),
      checked AS (
        SELECT unique_id, status FROM source_freshness
        WHERE environment = :env AND :needFreshness
        QUALIFY row_number() OVER (PARTITION BY unique_id ORDER BY generated_at DESC, result_index) = 1
      ),
      rows_counted AS (
        SELECT unique_id, row_count FROM catalog
        WHERE environment = :env AND :sortField = 'rowCount'
      ),
      base AS (
        SELECT n.unique_id,
               coalesce(:direction * CASE :sortField
                   WHEN 'executeCompletedAt' THEN epoch_us(s.execute_completed_at)::DOUBLE
                   WHEN 'executionTime' THEN s.execution_time
                   WHEN 'rowCount' THEN c.row_count
                   ELSE 0 END, 1e308) AS sort_key
        FROM node_rows n
        LEFT JOIN attempt a ON a.unique_id = n.unique_id
        LEFT JOIN success s ON s.unique_id = n.unique_id
        LEFT JOIN checked f ON f.unique_id = n.unique_id
        LEFT JOIN rows_counted c ON c.unique_id = n.unique_id
        WHERE list_contains(:types, n.resource_type)
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
          AND (:lastRunStatus IS NULL OR a.status = :lastRunStatus)
          AND (:sourceNames IS NULL OR list_contains(:sourceNames, n.source_name))
          AND (:freshnessChecked IS NULL OR (f.unique_id IS NOT NULL) = :freshnessChecked)
          AND (:freshnessStatus IS NULL OR (CASE f.status WHEN 'pass' THEN 'Pass' WHEN 'warn' THEN 'Warn'
                 WHEN 'error' THEN 'Error' WHEN 'runtime error' THEN 'Error' WHEN 'skipped' THEN 'Skipped'
                 ELSE 'Unknown' END) = :freshnessStatus)
          AND (:testTypes IS NULL OR list_contains(:testTypes, n.test_type))
          {nodeTypes}
          AND (:meta IS NULL OR coalesce(json_contains(n.meta, CAST(:meta AS JSON)), false))
      ),
      page AS (
        SELECT unique_id, sort_key FROM base
        WHERE (:afterKey IS NULL
               OR sort_key > :afterKey
               OR (sort_key = :afterKey
                   AND ((:idDesc AND unique_id < :afterId) OR (NOT :idDesc AND unique_id > :afterId))))
        ORDER BY sort_key, CASE WHEN :idDesc THEN unique_id END DESC, unique_id
        LIMIT :limit
      )
      SELECT {columns} FROM (
        SELECT {json}, p.sort_key, t.total_count
        FROM (SELECT count(*) AS total_count FROM base) t
        LEFT JOIN page p ON true
        LEFT JOIN node_rows n ON n.unique_id = p.unique_id
      ) j
      ORDER BY j.sort_key, CASE WHEN :idDesc THEN j.unique_id END DESC, j.unique_id"""
      .replace("{builds}", BUILD_COMMANDS).replace("{columns}", NODE_JSON_COLUMNS)
      .replace("{json}", NODE_JSON);

  /**
   * The page without a node type filter. The CTEs a page may not need are emptied by a bound flag
   * rather than left out: run results unless {@code :needRuns} (a run sort or status filter),
   * freshness checks unless {@code :needFreshness}, catalog row counts unless sorting by them.
   */
  static final Variants PAGE = Variants.of(PAGE_SQL.replace("{nodeTypes}", ""));

  /**
   * The page filtered by {@code :nodeTypes}, the type in the node's JSON: apart, as reading the
   * JSON of every node costs more than the rest of the page.
   */
  static final Variants PAGE_BY_NODE_TYPE = Variants.of(PAGE_SQL.replace("{nodeTypes}",
      "AND list_contains(:nodeTypes, n.raw_json->>'type')"));

  /** Nodes by unique id. */
  static final Variants BY_IDS = Variants.of("WITH " + NODE_ROWS + """

      SELECT {columns} FROM (
        SELECT {json} FROM node_rows n
        WHERE list_contains(:ids, n.unique_id)
      ) j
      ORDER BY j.unique_id""".replace("{columns}", NODE_JSON_COLUMNS).replace("{json}", NODE_JSON));

  /**
   * The direct neighbours of nodes: {@code key_id} is the node asked about; {@code :upward} true
   * gives its parents, false its children. {@code :types} NULL keeps every type.
   */
  static final Variants NEIGHBOURS = Variants.of("WITH " + NODE_ROWS + """

      SELECT {columns} FROM (
        SELECT CASE WHEN :upward THEN e.child_id ELSE e.parent_id END AS key_id, {json}
        FROM edges e
        JOIN node_rows n ON n.unique_id = CASE WHEN :upward THEN e.parent_id ELSE e.child_id END
        WHERE e.environment = :env
          AND list_contains(:ids, CASE WHEN :upward THEN e.child_id ELSE e.parent_id END)
          AND (:types IS NULL OR list_contains(:types, n.resource_type))
      ) j
      ORDER BY j.key_id, j.unique_id""".replace("{columns}", NODE_JSON_COLUMNS).replace("{json}", NODE_JSON));

  /** The models of groups: {@code key_id} is the group asked about. */
  static final Variants GROUP_MODELS = Variants.of("WITH " + NODE_ROWS + """

      SELECT {columns} FROM (
        SELECT g.unique_id AS key_id, {json}
        FROM node_rows g
        JOIN node_rows n ON n.group_name = g.name AND n.resource_type = 'model'
        WHERE g.resource_type = 'group' AND list_contains(:ids, g.unique_id)
      ) j
      ORDER BY j.key_id, j.unique_id""".replace("{columns}", NODE_JSON_COLUMNS).replace("{json}", NODE_JSON));

  /**
   * A query over {@link #NODE_ROWS} in one form per set of large columns read ({@link
   * NodeColumnUse} bits): a column not asked for is NULL, and not scanned.
   */
  record Variants(List<NamedSql> byColumns) {
    static Variants of(String sql) {
      List<NamedSql> forms = new ArrayList<>();
      for (int columns = 0; columns <= NodeColumnUse.ALL; columns++) {
        boolean compiled = (columns & NodeColumnUse.COMPILED_CODE) != 0;
        forms.add(NamedSql.of(sql
            .replace("{rawJson}", (columns & NodeColumnUse.JSON) != 0 ? "d.raw_json" : "NULL::JSON")
            .replace("{rawCode}", (columns & NodeColumnUse.RAW_CODE) != 0 ? "d.raw_code" : "NULL::VARCHAR")
            .replace("{compiledCode}", compiled ? "c.compiled_code" : "NULL::VARCHAR")
            .replace("{compiledJoin}", compiled
                ? "LEFT JOIN store.compiled c ON c.compiled_hash = cn.compiled_hash" : "")));
      }
      return new Variants(forms);
    }

    NamedSql get(Request request) {
      return byColumns.get(request.nodeColumns());
    }

    /** @return the form that also reads the {@code columns} bits */
    NamedSql get(Request request, int columns) {
      return byColumns.get(request.nodeColumns() | columns);
    }
  }
}
