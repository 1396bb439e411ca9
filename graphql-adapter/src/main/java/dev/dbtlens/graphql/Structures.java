package dev.dbtlens.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The structured fields read from a node's manifest JSON: semantic model dimensions, entities and
 * measures, saved query parameters and exports, model constraints, function arguments. Each
 * record is the GraphQL type of the same name; a field the JSON lacks is null.
 */
final class Structures {
  private Structures() {}

  record SemanticModelDimension(String name, String description, String type, Object typeParams) {}

  record SemanticModelEntity(String name, String description, String type) {}

  record SemanticModelMeasure(String name, String description, String agg, String expr,
      Boolean createMetric) {}

  record ModelLevelConstraint(String name, String type, String expression, List<String> columns,
      Boolean warnUnenforced, Boolean warnUnsupported) {}

  record QueryParams(List<String> groupBy, Long limit, List<String> metrics, List<String> orderBy,
      QueryWhere where) {}

  record QueryWhere(List<QueryWhereFilter> whereFilters) {}

  record QueryWhereFilter(String whereSqlTemplate) {}

  record QueryExports(String name, QueryExportConfig config) {}

  record QueryExportConfig(String alias, String database, String exportAs, String schema) {}

  record FunctionArgument(String name, String dataType, String description) {}

  record FunctionReturns(String dataType, String description) {}

  static List<SemanticModelDimension> dimensions(JsonNode def) {
    return list(def.path("dimensions"), d -> new SemanticModelDimension(text(d, "name"),
        text(d, "description"), text(d, "type"), object(d.get("type_params"))));
  }

  static List<SemanticModelEntity> entities(JsonNode def) {
    return list(def.path("entities"), e -> new SemanticModelEntity(text(e, "name"),
        text(e, "description"), text(e, "type")));
  }

  static List<SemanticModelMeasure> measures(JsonNode def) {
    return list(def.path("measures"), m -> new SemanticModelMeasure(text(m, "name"),
        text(m, "description"), text(m, "agg"), text(m, "expr"),
        m.hasNonNull("create_metric") ? m.get("create_metric").asBoolean() : null));
  }

  static List<ModelLevelConstraint> constraints(JsonNode constraints) {
    return list(constraints, c -> new ModelLevelConstraint(text(c, "name"), text(c, "type"),
        text(c, "expression"), strings(c.path("columns")),
        c.hasNonNull("warn_unenforced") ? c.get("warn_unenforced").asBoolean() : null,
        c.hasNonNull("warn_unsupported") ? c.get("warn_unsupported").asBoolean() : null));
  }

  static QueryParams queryParams(JsonNode def) {
    JsonNode q = def.path("query_params");
    List<QueryWhereFilter> where = list(q.path("where").path("where_filters"),
        w -> new QueryWhereFilter(text(w, "where_sql_template")));
    return new QueryParams(strings(q.path("group_by")),
        q.hasNonNull("limit") ? q.get("limit").asLong() : null, strings(q.path("metrics")),
        q.has("order_by") ? strings(q.path("order_by")) : null, new QueryWhere(where));
  }

  static List<QueryExports> exports(JsonNode def) {
    return list(def.path("exports"), e -> {
      JsonNode c = e.path("config");
      return new QueryExports(text(e, "name"), new QueryExportConfig(text(c, "alias"),
          text(c, "database"), c.hasNonNull("export_as") ? text(c, "export_as") : "table",
          text(c, "schema_name") != null ? text(c, "schema_name") : text(c, "schema")));
    });
  }

  static List<FunctionArgument> functionArguments(JsonNode def) {
    return list(def.path("arguments"), a -> new FunctionArgument(text(a, "name"),
        text(a, "data_type"), text(a, "description")));
  }

  static FunctionReturns functionReturns(JsonNode def) {
    JsonNode r = def.get("returns");
    return r == null || !r.isObject() ? null
        : new FunctionReturns(text(r, "data_type"), text(r, "description"));
  }

  /** @return the value as a JSON object (a non-object is wrapped as {@code {"value": ...}}), or null */
  static Object object(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    return n.isObject() ? Json.plain(n) : java.util.Map.of("value", Json.plain(n));
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
  }

  static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list.isArray()) {
      list.forEach(v -> out.add(v.isValueNode() ? v.asText() : v.toString()));
    } else if (list.isTextual()) {
      out.add(list.asText());
    }
    return out;
  }

  private static <T> List<T> list(JsonNode array, Function<JsonNode, T> read) {
    List<T> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(n -> out.add(read.apply(n)));
    }
    return out;
  }
}
