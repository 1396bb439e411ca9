package dev.dbtlens.graphql.internal.search;

import dev.dbtlens.SearchField;
import dev.dbtlens.SearchHit;
import dev.dbtlens.SearchQuery;
import dev.dbtlens.SearchResults;
import dev.dbtlens.graphql.internal.environment.AccountIds;
import dev.dbtlens.graphql.internal.environment.EnvironmentRef;
import dev.dbtlens.graphql.internal.execution.Errors;
import dev.dbtlens.graphql.internal.execution.PositionCursors;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.node.ResourceTypes;
import dev.dbtlens.graphql.internal.scalars.Args;
import dev.dbtlens.graphql.internal.scalars.JsonText;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code AppliedState.searchResults}. Cursors are positions in the ranked result list (ranking has
 * no stable key to resume from): a page walk is exact while the environment's manifest stays the
 * same, which a client's walk over a few pages normally sees.
 */
public final class SearchWiring {
  private static final String PREFIX = "search|";

  private SearchWiring() {}

  /** Wires the field. */
  public static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("AppliedState", t -> t.dataFetcher("searchResults", SearchWiring::searchResults));
  }

  private static Object searchResults(DataFetchingEnvironment env) {
    EnvironmentRef e = EnvironmentRef.ofState(env);
    Request request = Request.of(env);
    Args args = Args.of(env.getArguments());
    int max = request.limits().maxPageSize();
    Integer first = args.integer("first");
    if (first != null && (first < 0 || first > max)) {
      return Errors.badRequest(env, "Argument 'first' of 'searchResults' is " + first
          + "; it must be between 0 and " + max + " (the page size limit).");
    }
    int limit = first == null ? Math.min(100, max) : first;
    int offset;
    try {
      offset = PositionCursors.decode(PREFIX, args.str("after"), "searchResults");
    } catch (IllegalArgumentException ex) {
      return Errors.badRequest(env, ex.getMessage());
    }
    SearchQuery q;
    try {
      q = query(args.object("filter"));
    } catch (IllegalArgumentException ex) {
      return Errors.badRequest(env, ex.getMessage());
    }
    SearchResults r = request.lens().search(e.name(), q, offset, limit);
    Long projectId = AccountIds.projectId(request, e.name());
    long accountId = AccountIds.accountId(request);
    List<Map<String, Object>> edges = new ArrayList<>();
    for (int i = 0; i < r.hits().size(); i++) {
      SearchHit h = r.hits().get(i);
      Map<String, Object> hit = new LinkedHashMap<>();
      hit.put("accountId", accountId);
      hit.put("description", h.description());
      hit.put("environmentId", e.id());
      hit.put("filePath", h.filePath());
      hit.put("meta", h.metaJson() == null ? null : JsonText.of(h.metaJson()));
      hit.put("name", h.name());
      hit.put("projectId", projectId);
      hit.put("resourceType", h.resourceType());
      hit.put("tags", h.tags());
      hit.put("uniqueId", h.uniqueId());
      hit.put("packageName", h.packageName());
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("highlight", h.highlight());
      node.put("matchedField", h.matchedField() == null ? null : h.matchedField().apiName());
      node.put("score", h.matchedField() == null ? null : (double) h.score());
      node.put("hit", hit);
      edges.add(Map.of("cursor", PositionCursors.encode(PREFIX, offset + i + 1), "node", node));
    }
    Map<String, Object> pageInfo = new LinkedHashMap<>();
    pageInfo.put("startCursor", edges.isEmpty() ? null : edges.get(0).get("cursor"));
    pageInfo.put("endCursor", edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
    pageInfo.put("hasNextPage", r.hasNextPage());
    pageInfo.put("hasPreviousPage", offset > 0);
    Map<String, Object> connection = new LinkedHashMap<>();
    connection.put("edges", edges);
    connection.put("pageInfo", pageInfo);
    connection.put("totalCount", r.totalCount());
    return connection;
  }

  static SearchQuery query(Args filter) {
    Set<SearchField> fields = EnumSet.noneOf(SearchField.class);
    List<String> names = filter.strings("fields");
    if (names != null) {
      names.forEach(n -> fields.add(SearchField.of(n)));
    }
    List<String> types = filter.strings("resourceTypes");
    List<String> dbtTypes = types == null ? null : ResourceTypes.dbt(types);
    if (dbtTypes != null && dbtTypes.isEmpty()) {
      dbtTypes = List.of("-none-");
    }
    return new SearchQuery(filter.str("query"), fields, dbtTypes, filter.strings("accessLevels"),
        filter.strings("materializationTypes"), filter.strings("modelingLayers"),
        filter.strings("tags"));
  }
}
