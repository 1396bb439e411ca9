package dev.dbtlens.graphql.internal.recommend;

import dev.dbtlens.Recommendation;
import dev.dbtlens.RecommendationOptions;
import dev.dbtlens.Recommendations;
import dev.dbtlens.graphql.internal.environment.EnvironmentRef;
import dev.dbtlens.graphql.internal.environment.Environments;
import dev.dbtlens.graphql.internal.environment.Ids;
import dev.dbtlens.graphql.internal.execution.Errors;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.scalars.Args;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wires {@code Query.recommendations}, {@code Recommendations} and {@code RuleConnection}. */
public final class RecommendationsWiring {
  private RecommendationsWiring() {}

  /** What {@code Query.recommendations} resolves to: evaluated once, read by its fields. */
  record Evaluated(Recommendations result) {}

  public static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Query", t -> t.dataFetcher("recommendations", RecommendationsWiring::recommendations));
    wiring.type("Recommendations", t -> t
        .dataFetcher("metrics", env -> {
          Evaluated e = env.getSource();
          List<Map<String, Object>> out = new ArrayList<>();
          e.result().metrics().forEach(m -> out.add(Map.of("name", m.name(), "value", m.value())));
          return out;
        })
        .dataFetcher("rules", RecommendationsWiring::rules));
    wiring.type("Rule", t -> t.dataFetcher("name", env -> ((Recommendation) env.getSource()).ruleName()));
  }

  private static DataFetcherResult<Evaluated> recommendations(DataFetchingEnvironment env) {
    Object id = env.getArgument("environmentId");
    Request request = Request.of(env);
    EnvironmentRef found = Environments.find(request, id);
    if (found == null) {
      List<String> known = Environments.all(request).stream().map(e -> e.id() + " (" + e.name() + ")").toList();
      String what = Ids.number(id) != null ? "Environment " + id : "Environment '" + id + "'";
      return Errors.notFound(env, what + " not found; the database has " + known + ".");
    }
    RecommendationOptions options = RecommendationOptions.defaults();
    List<Map<String, Object>> settings = env.getArgument("settings");
    if (settings != null) {
      for (Map<String, Object> s : settings) {
        options = options.withVar(String.valueOf(s.get("name")), String.valueOf(s.get("value")));
      }
    }
    return DataFetcherResult.<Evaluated>newResult()
        .data(new Evaluated(request.lens().recommendations(found.name(), options))).build();
  }

  private static Map<String, Object> rules(DataFetchingEnvironment env) {
    Evaluated e = env.getSource();
    Args filter = Args.of(env.getArgument("filter"));
    List<String> severities = filter.strings("severity");
    List<String> categories = filter.strings("categories");
    List<String> ruleNames = filter.strings("ruleNames");
    List<String> uniqueIds = filter.strings("uniqueIds");
    List<Recommendation> matching = e.result().violations().stream()
        .filter(v -> severities == null || severities.stream().anyMatch(s -> s.equalsIgnoreCase(v.severity())))
        .filter(v -> categories == null || categories.stream().anyMatch(c -> c.equalsIgnoreCase(v.category())))
        .filter(v -> ruleNames == null || ruleNames.contains(v.ruleName()))
        .filter(v -> uniqueIds == null || uniqueIds.contains(v.uniqueId()))
        .toList();
    Integer first = env.getArgument("first");
    if (first == null || first < 0) {
      throw new IllegalArgumentException("first must be 0 or more, got " + first);
    }
    String after = env.getArgument("after");
    int start = 0;
    if (after != null) {
      String violationId = decode(after);
      start = -1;
      for (int i = 0; i < matching.size(); i++) {
        if (matching.get(i).violationId().equals(violationId)) {
          start = i + 1;
          break;
        }
      }
      if (start < 0) {
        throw new IllegalArgumentException("Cursor '" + after + "' names no violation of these recommendations "
            + "(the manifest changed, or the filter differs): start again without after.");
      }
    }
    int end = Math.min(matching.size(), start + first);
    List<Map<String, Object>> edges = new ArrayList<>();
    for (Recommendation v : matching.subList(start, end)) {
      Map<String, Object> edge = new LinkedHashMap<>();
      edge.put("cursor", encode(v.violationId()));
      edge.put("node", v);
      edges.add(edge);
    }
    Map<String, Object> pageInfo = new LinkedHashMap<>();
    pageInfo.put("startCursor", edges.isEmpty() ? null : edges.get(0).get("cursor"));
    pageInfo.put("endCursor", edges.isEmpty() ? after : edges.get(edges.size() - 1).get("cursor"));
    pageInfo.put("hasNextPage", end < matching.size());
    pageInfo.put("hasPreviousPage", start > 0);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("edges", edges);
    out.put("pageInfo", pageInfo);
    out.put("totalCount", matching.size());
    return out;
  }

  private static final String PREFIX = "rule|";

  static String encode(String violationId) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((PREFIX + violationId).getBytes(StandardCharsets.UTF_8));
  }

  static String decode(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (plain.startsWith(PREFIX)) {
        return plain.substring(PREFIX.length());
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException("Invalid cursor '" + cursor
        + "': pass the cursor or endCursor of an earlier page unchanged.");
  }
}
