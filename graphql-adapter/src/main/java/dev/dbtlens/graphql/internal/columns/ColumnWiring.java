package dev.dbtlens.graphql.internal.columns;

import dev.dbtlens.ColumnDirection;
import dev.dbtlens.ColumnEdge;
import dev.dbtlens.ColumnLineage;
import dev.dbtlens.ColumnLineageNode;
import dev.dbtlens.ColumnRef;
import dev.dbtlens.NotFoundException;
import dev.dbtlens.graphql.internal.environment.EnvironmentRef;
import dev.dbtlens.graphql.internal.environment.Environments;
import dev.dbtlens.graphql.internal.execution.Errors;
import dev.dbtlens.graphql.internal.execution.NamedSql;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.environment.AccountIds;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wires {@code Query.column}, {@code ColumnQuery.lineage} and the column lineage fields of {@code
 * CatalogColumn} ({@link CatalogColumnLineage}).
 */
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
    CatalogColumnLineage.wire(wiring);
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
    Request request = Request.of(env);
    String environment = q.environment().name();
    Long account = AccountIds.accountId(request);
    Long project = AccountIds.projectId(request, environment);
    Set<String> nodes = new LinkedHashSet<>();
    l.columns().forEach(c -> nodes.add(c.column().nodeUniqueId()));
    Map<String, Long> runs = lastBuilt(request, environment, nodes);
    List<ColumnLineageItem> out = new ArrayList<>();
    for (ColumnLineageNode c : l.columns()) {
      if (isError != null && c.isError() != isError) {
        continue;
      }
      String id = c.column().toString();
      out.add(new ColumnLineageItem(account, project, q.environment().id(), runs.get(c.column().nodeUniqueId()),
          c.column().nodeUniqueId(), id, c.column().column(), c.description(), c.descriptionOriginColumnName(),
          c.descriptionOriginResourceUniqueId(), c.isPrimaryKey(), c.depth(), c.transformationType(),
          c.relationship(), parents.getOrDefault(id, List.of()), children.getOrDefault(id, List.of()), c.isError(),
          c.error(), c.errorCategory(), c.expression()));
    }
    return out;
  }

  /**
   * The run that last built each node: its latest successful result of a build command (the
   * {@code build_executions} view leaves compile, docs generate and show out).
   */
  private static final NamedSql LAST_BUILT = NamedSql.of("""
      SELECT unique_id, run_id FROM build_executions
      WHERE environment = :env AND status = 'success' AND run_id IS NOT NULL
        AND unique_id IN (SELECT unnest(:ids))
      QUALIFY row_number() OVER (PARTITION BY unique_id ORDER BY run_started_at DESC, run_id DESC) = 1""");

  /** @return the numeric id of the run that last built each node that has one (one statement) */
  static Map<String, Long> lastBuilt(Request request, String environment, Set<String> nodes) {
    Map<String, Long> out = new HashMap<>();
    if (nodes.isEmpty()) {
      return out;
    }
    request.db().list(LAST_BUILT, Map.of("env", environment, "ids", List.copyOf(nodes)), r -> {
      out.put(r.str("unique_id"), r.lng("run_id"));
      return null;
    });
    return out;
  }
}
