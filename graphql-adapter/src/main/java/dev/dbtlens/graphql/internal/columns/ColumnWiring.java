package dev.dbtlens.graphql.internal.columns;

import dev.dbtlens.ColumnDirection;
import dev.dbtlens.ColumnEdge;
import dev.dbtlens.ColumnLineage;
import dev.dbtlens.ColumnLineageNode;
import dev.dbtlens.NotFoundException;
import dev.dbtlens.graphql.internal.environment.EnvironmentRef;
import dev.dbtlens.graphql.internal.environment.Environments;
import dev.dbtlens.graphql.internal.execution.Errors;
import dev.dbtlens.graphql.internal.execution.Request;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wires {@code Query.column} and {@code ColumnQuery.lineage}. */
public final class ColumnWiring {
  private ColumnWiring() {}

  /** The source of a {@code ColumnQuery}: the environment asked about. */
  public record ColumnQuery(EnvironmentRef environment) {}

  /** The source of a {@code ColumnLineageNode}. */
  public record ColumnLineageItem(Long accountId, Long projectId, long environmentId, Long runId, String nodeUniqueId,
      String uniqueId, String name, String description, String descriptionOriginColumnName,
      String descriptionOriginResourceUniqueId, Boolean isPrimaryKey, int depth, String transformationType,
      String relationship, List<String> parentColumns, List<String> childColumns, boolean isError, String error,
      String errorCategory, String expression) {}

  public static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Query", t -> t.dataFetcher("column", ColumnWiring::column));
    wiring.type("ColumnQuery", t -> t.dataFetcher("lineage", ColumnWiring::lineage));
  }

  private static DataFetcherResult<ColumnQuery> column(DataFetchingEnvironment env) {
    Object id = env.getArgument("environmentId");
    EnvironmentRef found = Environments.find(Request.of(env), id);
    if (found == null) {
      return Errors.notFound(env, "Environment " + id + " not found.");
    }
    return DataFetcherResult.<ColumnQuery>newResult().data(new ColumnQuery(found)).build();
  }

  private static Object lineage(DataFetchingEnvironment env) {
    ColumnQuery q = env.getSource();
    String node = env.getArgument("nodeUniqueId");
    Map<String, Object> filters = env.getArgument("filters");
    Integer maxDepth = filters == null ? null : (Integer) filters.get("maxDepth");
    String columnName = filters == null ? null : (String) filters.get("columnName");
    Boolean isError = filters == null ? null : (Boolean) filters.get("isError");
    ColumnLineage l;
    try {
      l = Request.of(env).lens().columnLineage(q.environment().name(), node, columnName, ColumnDirection.BOTH,
          maxDepth == null ? 0 : Math.max(maxDepth, 0));
    } catch (NotFoundException e) {
      return Errors.notFound(env, e.getMessage());
    }
    Map<String, List<String>> parents = new LinkedHashMap<>();
    Map<String, List<String>> children = new LinkedHashMap<>();
    for (ColumnEdge e : l.edges()) {
      parents.computeIfAbsent(e.child().toString(), k -> new ArrayList<>()).add(e.parent().toString());
      children.computeIfAbsent(e.parent().toString(), k -> new ArrayList<>()).add(e.child().toString());
    }
    List<ColumnLineageItem> out = new ArrayList<>();
    for (ColumnLineageNode c : l.columns()) {
      if (isError != null && c.isError() != isError) {
        continue;
      }
      String id = c.column().toString();
      out.add(new ColumnLineageItem(null, null, q.environment().id(), null, c.column().nodeUniqueId(), id,
          c.column().column(), c.description(), c.descriptionOriginColumnName(),
          c.descriptionOriginResourceUniqueId(), null, c.depth(), c.transformationType(), c.relationship(),
          parents.getOrDefault(id, List.of()), children.getOrDefault(id, List.of()), c.isError(), c.error(),
          c.errorCategory(), c.expression()));
    }
    return out;
  }
}
