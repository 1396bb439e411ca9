package dev.dbtlens.graphql.internal.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every filter a node connection accepts, read from the GraphQL input once. Null means "not
 * filtered"; {@code select}/{@code exclude} are dbt selector expressions.
 */
public record NodeFilter(
    List<String> uniqueIds,
    List<String> tags,
    String database,
    String schema,
    String identifier,
    String packageName,
    String access,
    String group,
    String modelingLayer,
    String lastRunStatus,
    List<String> sourceNames,
    Boolean freshnessChecked,
    String freshnessStatus,
    List<String> testTypes,
    List<String> nodeTypes,
    String metaJson,
    String select,
    String exclude) {

  public static final NodeFilter NONE = new NodeFilter(null, null, null, null, null, null, null, null, null,
      null, null, null, null, null, null, null, null, null);

  boolean hasSelector() {
    return select != null || exclude != null;
  }

  /** @return the SQL parameters of {@link NodeSql#PAGE} this filter sets */
  Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("ids", uniqueIds);
    p.put("tags", tags);
    p.put("database", database);
    p.put("schema", schema);
    p.put("identifier", identifier);
    p.put("packageName", packageName);
    p.put("access", access);
    p.put("groupName", group);
    p.put("modelingLayer", modelingLayer);
    p.put("lastRunStatus", lastRunStatus);
    p.put("sourceNames", sourceNames);
    p.put("freshnessChecked", freshnessChecked);
    p.put("freshnessStatus", freshnessStatus);
    p.put("testTypes", testTypes);
    p.put("nodeTypes", nodeTypes);
    p.put("meta", metaJson);
    return p;
  }
}
