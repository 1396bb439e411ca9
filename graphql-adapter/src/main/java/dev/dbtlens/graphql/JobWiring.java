package dev.dbtlens.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code JobNode} and its lists: the results of one run with the nodes' definitions. Models,
 * tests, seeds and snapshots are the run's results; sources its freshness checks; exposures,
 * metrics and macros the latest manifest's (a run does not record them apart).
 */
final class JobWiring {
  static final List<String> LISTS = List.of("models", "sources", "tests", "seeds", "snapshots",
      "exposures", "macros", "metrics");
  static final List<String> SINGLES = List.of("model", "source", "test", "seed", "snapshot",
      "exposure", "macro", "metric");

  private JobWiring() {}

  static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("JobNode", t -> {
      t.dataFetcher("id", env -> Request.of(env).runs().jobId(job(env).jobId()))
          .dataFetcher("runId", env -> Request.of(env).runs().runId(job(env).environmentId(), job(env).runId()))
          .dataFetcher("environmentId", env -> Request.of(env).environment(job(env).environmentId()).id())
          .dataFetcher("jobName", env -> job(env).jobId())
          .dataFetcher("invocationId", env -> job(env).runId());
      LISTS.forEach(l -> t.dataFetcher(l, env -> list(env, job(env), l)));
      SINGLES.forEach(s -> t.dataFetcher(s, env -> single(env, job(env), s)));
      return t;
    });
  }

  private static RunRef job(DataFetchingEnvironment env) {
    return env.getSource();
  }

  /** @return the list field {@code field} ({@code models}, ...) of the run */
  static List<JobItem> list(DataFetchingEnvironment env, RunRef run, String field) {
    Args args = Args.of(env.getArguments());
    List<JobItem> items = switch (field) {
      case "sources" -> freshness(env, run, args.strings("uniqueIds"), args.strings("statuses"));
      case "exposures", "metrics" -> definitions(env, run, field.equals("metrics") ? "metric" : "exposure");
      case "macros" -> macros(env, run);
      default -> results(env, run, types(field), args.strings("uniqueIds"), args.strings("statuses"));
    };
    List<JobItem> kept = items.stream().filter(i -> matches(i, args)).toList();
    return page(env, kept, args);
  }

  /** @return the single field {@code field} ({@code model(uniqueId)}, ...) of the run */
  static JobItem single(DataFetchingEnvironment env, RunRef run, String field) {
    Args args = Args.of(env.getArguments());
    String id = args.has("uniqueId") ? args.str("uniqueId") : args.str("name");
    for (JobItem item : list(env, run, field + (field.endsWith("s") ? "" : "s"))) {
      if (item.uniqueId().equals(id) || (item.node() != null && id.equals(item.node().name()))) {
        return item;
      }
    }
    return null;
  }

  private static List<String> types(String field) {
    return switch (field) {
      case "models" -> ResourceTypes.MODELS;
      case "tests" -> ResourceTypes.TESTS;
      case "seeds" -> ResourceTypes.SEEDS;
      default -> ResourceTypes.SNAPSHOTS;
    };
  }

  private static List<JobItem> results(DataFetchingEnvironment env, RunRef run, List<String> types,
      List<String> ids, List<String> statuses) {
    Request request = Request.of(env);
    List<RunRow> all = Runs.results(request, new Runs.Query(run.environmentId(), run.runId(), null,
        null, null, null, Integer.MAX_VALUE, false));
    Map<String, RunRow> byId = new LinkedHashMap<>();
    all.forEach(r -> byId.put(r.uniqueId(), r));
    List<RunRow> kept = all.stream().filter(r -> types.contains(r.resourceType()))
        .filter(r -> ids == null || ids.contains(r.uniqueId()) || ids.contains(r.name()))
        .filter(r -> statuses == null || statuses.contains(r.status())).toList();
    Map<String, NodeRow> nodes = NodeLookups.byIds(request, run.environmentId(),
        new LinkedHashSet<>(kept.stream().map(RunRow::uniqueId).toList()));
    List<JobItem> out = new ArrayList<>();
    for (RunRow r : kept) {
      out.add(new JobItem(run.environmentId(), r.uniqueId(), r.resourceType(), nodes.get(r.uniqueId()),
          r, null, byId, null));
    }
    return out;
  }

  private static List<JobItem> freshness(DataFetchingEnvironment env, RunRef run, List<String> ids,
      List<String> statuses) {
    Request request = Request.of(env);
    List<FreshnessRun> checks = Runs.freshness(request, run.environmentId(), run.runId(), ids, null,
        statuses, null, Integer.MAX_VALUE);
    Map<String, NodeRow> nodes = NodeLookups.byIds(request, run.environmentId(),
        new LinkedHashSet<>(checks.stream().map(FreshnessRun::uniqueId).toList()));
    List<JobItem> out = new ArrayList<>();
    for (FreshnessRun f : checks) {
      out.add(new JobItem(run.environmentId(), f.uniqueId(), "source", nodes.get(f.uniqueId()), null, f, null, null));
    }
    return out;
  }

  private static List<JobItem> definitions(DataFetchingEnvironment env, RunRef run, String type) {
    Page<NodeRow> page = NodePages.nodes(Request.of(env), run.environmentId(), List.of(type),
        NodeFilter.NONE, Sort.of(Args.of(Map.of())), Integer.MAX_VALUE - 1, null);
    return page.edges().stream().map(e -> JobItem.of(e.node(), null)).toList();
  }

  private static List<JobItem> macros(DataFetchingEnvironment env, RunRef run) {
    Page<MacroRow> page = NodePages.macros(Request.of(env), run.environmentId(), Args.of(Map.of()),
        Integer.MAX_VALUE - 1, null);
    return page.edges().stream().map(e -> new JobItem(run.environmentId(), e.node().uniqueId(), "macro",
        null, null, null, null, e.node())).toList();
  }

  private static boolean matches(JobItem item, Args args) {
    NodeRow n = item.node();
    return same(args.str("database"), n == null ? null : n.database())
        && same(args.str("schema"), n == null ? null : n.schema())
        && same(args.str("identifier"), n == null ? null : n.alias());
  }

  private static boolean same(String wanted, String value) {
    return wanted == null || wanted.equalsIgnoreCase(value);
  }

  /**
   * {@code first}/{@code after} on job-level lists: the lists are sorted by unique id, and a node's
   * {@code paginationCursor} continues after it.
   */
  private static List<JobItem> page(DataFetchingEnvironment env, List<JobItem> items, Args args) {
    int from = 0;
    if (args.has("after")) {
      String after = Cursor.decode(args.str("after")).uniqueId();
      while (from < items.size() && items.get(from).uniqueId().compareTo(after) <= 0) {
        from++;
      }
    }
    Integer first = args.integer("first");
    int to = first == null ? items.size() : Math.min(items.size(), from + Math.max(0, first));
    return items.subList(from, Math.max(from, to));
  }
}
