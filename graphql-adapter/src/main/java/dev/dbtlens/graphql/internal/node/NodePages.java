package dev.dbtlens.graphql.internal.node;

import dev.dbtlens.graphql.internal.execution.Db;
import dev.dbtlens.graphql.internal.execution.NamedSql;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.execution.Row;
import dev.dbtlens.graphql.internal.scalars.Args;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pages of nodes and macros: one SQL query per page, total count included. */
public final class NodePages {
  private NodePages() {}

  /**
   * @param request the execution
   * @param environment the environment
   * @param types dbt resource types to list
   * @param filter the filters
   * @param sort the order
   * @param first the page size
   * @param after the cursor to continue after, or null
   * @return the page
   */
  public static Page<NodeRow> nodes(Request request, String environment, List<String> types,
      NodeFilter filter, Sort sort, int first, String after) {
    Map<String, Object> p = new HashMap<>(filter.params());
    p.put("env", environment);
    p.put("types", types);
    p.put("selected", filter.hasSelector()
        ? Selectors.select(request.lineage(environment), filter.select(), filter.exclude()) : null);
    p.put("sortField", sort.field());
    p.put("direction", sort.direction());
    p.put("idDesc", sort.idDescending());
    Cursor cursor = after == null ? null : Cursor.decode(after);
    p.put("afterKey", cursor == null ? null : cursor.sortKey());
    p.put("afterId", cursor == null ? null : cursor.uniqueId());
    p.put("limit", first + 1);
    p.put("needFreshness", p.get("freshnessChecked") != null || p.get("freshnessStatus") != null);
    PageKey key = new PageKey(request.nodeColumns(), p);
    Object kept = request.cache().get(key);
    if (kept != null) {
      @SuppressWarnings("unchecked")
      Page<NodeRow> page = (Page<NodeRow>) kept;
      return page;
    }
    List<Ranked> rows = request.db().list(NodeSql.PAGE.get(request), p, r -> new Ranked(
        r.str("unique_id") == null ? null : NodeRow.read(r), r.dbl("sort_key"),
        r.lng("total_count")));
    Page<NodeRow> page = page(rows, first, after != null);
    request.cache().put(key, page, rows.size() + 1, request.readAt());
    return page;
  }

  /** A page as an earlier execution read it: by the node columns read and every parameter. */
  private record PageKey(int nodeColumns, Map<String, Object> params) {}

  /** A row of the page query: a node (null on the empty page's row), its sort key, the total. */
  private record Ranked(NodeRow node, Double sortKey, Long total) {}

  private static Page<NodeRow> page(List<Ranked> rows, int first, boolean hasPrevious) {
    int total = rows.isEmpty() || rows.get(0).total() == null ? 0 : rows.get(0).total().intValue();
    List<Page.Edge<NodeRow>> edges = new ArrayList<>();
    int found = 0;
    for (Ranked row : rows) {
      if (row.node() == null) {
        continue;
      }
      found++;
      if (edges.size() < first) {
        String cursor = new Cursor(row.sortKey(), row.node().uniqueId()).encode();
        edges.add(new Page.Edge<>(cursor, row.node()));
      }
    }
    return Page.of(edges, found > first, hasPrevious, total);
  }

  private static final NamedSql MACROS = NamedSql.of("""
      WITH base AS (
        SELECT * FROM macros
        WHERE environment = :env
          AND (:ids IS NULL OR list_contains(:ids, unique_id) OR list_contains(:ids, name))
          AND (:packages IS NULL OR list_contains(:packages, package_name))
          AND (:package IS NULL OR package_name = :package)
      ),
      page AS (
        SELECT * FROM base WHERE (:afterId IS NULL OR unique_id > :afterId)
        ORDER BY unique_id LIMIT :limit
      )
      SELECT p.environment, p.unique_id, p.name, p.package_name, p.original_file_path,
             p.description, p.meta, p.macro_sql, p.depends_on_macros,
             p.raw_json->'$.arguments' AS arguments, t.total_count
      FROM (SELECT count(*) AS total_count FROM base) t
      LEFT JOIN page p ON true
      ORDER BY p.unique_id""");

  private static final NamedSql MACROS_BY_ID = NamedSql.of("""
      SELECT environment, unique_id, name, package_name, original_file_path, description, meta,
             macro_sql, depends_on_macros, raw_json->'$.arguments' AS arguments
      FROM macros WHERE environment = :env AND list_contains(:ids, unique_id)""");

  /** @return the macros of those ids, by unique id */
  static Map<String, MacroRow> macrosByIds(Request request, String environment, java.util.Set<String> ids) {
    Map<String, MacroRow> out = new HashMap<>();
    request.db().list(MACROS_BY_ID, Map.of("env", environment, "ids", List.copyOf(ids)), r -> {
      MacroRow m = MacroRow.read(r);
      out.put(m.uniqueId(), m);
      return null;
    });
    return out;
  }

  /** A page of macros, by unique id. */
  public static Page<MacroRow> macros(Request request, String environment, Args filter, int first,
      String after) {
    Map<String, Object> p = new HashMap<>();
    p.put("env", environment);
    p.put("ids", filter.strings("uniqueIds"));
    p.put("packages", filter.strings("packageNames"));
    p.put("package", filter.str("packageName"));
    p.put("afterId", after == null ? null : Cursor.decode(after).uniqueId());
    p.put("limit", first + 1);
    List<MacroRow> rows = new ArrayList<>();
    long[] total = {0};
    request.db().list(MACROS, p, r -> {
      total[0] = r.lng("total_count");
      if (r.str("unique_id") != null) {
        rows.add(MacroRow.read(r));
      }
      return null;
    });
    List<Page.Edge<MacroRow>> edges = new ArrayList<>();
    for (MacroRow m : rows.subList(0, Math.min(first, rows.size()))) {
      edges.add(new Page.Edge<>(new Cursor(0, m.uniqueId()).encode(), m));
    }
    return Page.of(edges, rows.size() > first, after != null, (int) total[0]);
  }
}
