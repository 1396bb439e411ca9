package dev.dbtlens.internal.perf;

import dev.dbtlens.InvocationNotFoundException;
import dev.dbtlens.Performance.CriticalPath;
import dev.dbtlens.Performance.PathNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.dbtlens.internal.store.Store;
import org.jgrapht.Graphs;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

/**
 * The critical path method over one build run: the manifest in force at the run gives the
 * dependencies (a jgrapht {@link DirectedAcyclicGraph}), the run's results the durations. Earliest
 * start and finish go forward in topological order, latest start backwards from the longest finish;
 * slack is their difference. Nodes of the manifest the run did not execute weigh nothing, so
 * dependencies pass through them (ephemeral models, sources).
 */
final class CriticalPathAnalysis {
  private final Store store;
  private final String environment;

  CriticalPathAnalysis(Store store, String environment) {
    this.store = store;
    this.environment = environment;
  }

  /** A build run. */
  private record Run(String invocationId, long runId, long jobId, String command, Double elapsed) {}

  /** A result of the run. */
  private record Result(String uniqueId, String status, double seconds, boolean executed) {}

  CriticalPath compute(String invocationId, Long runId) {
    Run run = resolve(invocationId, runId);
    Map<String, Result> results = new LinkedHashMap<>();
    for (Result r : Rows.list(store, "the results of run " + run.invocationId(), """
        SELECT unique_id, status, coalesce(execution_time, 0) AS seconds, executed
        FROM build_executions WHERE environment = ? AND invocation_id = ? ORDER BY result_index""",
        r -> new Result(r.getString("unique_id"), r.getString("status"), r.getDouble("seconds"),
            r.getBoolean("executed")),
        environment, run.invocationId())) {
      results.put(r.uniqueId(), r);
    }
    DirectedAcyclicGraph<String, DefaultEdge> dag = graph(run, results);
    return schedule(run, results, dag);
  }

  private Run resolve(String invocationId, Long runId) {
    List<Run> runs = Rows.list(store, "the build runs of " + environment, """
        SELECT invocation_id, run_id, job_id, command, elapsed_time FROM build_runs
        WHERE environment = ?
          AND (CAST(? AS BIGINT) IS NOT NULL AND run_id = CAST(? AS BIGINT)
               OR CAST(? AS BIGINT) IS NULL AND (CAST(? AS VARCHAR) IS NULL OR starts_with(invocation_id, ?)))
        ORDER BY generated_at DESC, invocation_id DESC""",
        r -> new Run(r.getString("invocation_id"), r.getLong("run_id"), r.getLong("job_id"),
            r.getString("command"), Rows.dbl(r, "elapsed_time")),
        environment, runId, runId, runId, invocationId, invocationId == null ? "" : invocationId);
    if (invocationId != null) {
      List<Run> exact = runs.stream().filter(r -> r.invocationId().equals(invocationId)).toList();
      if (!exact.isEmpty()) {
        return exact.get(0);
      }
    }
    if (runs.isEmpty()) {
      String what = runId != null ? "run id " + runId : invocationId != null ? "'" + invocationId + "'" : "any";
      throw new InvocationNotFoundException("No build run matches " + what + " in environment '" + environment
          + "' (compiles and docs generate are not builds).", List.of());
    }
    if (invocationId != null && runs.size() > 1) {
      List<String> ids = runs.stream().map(Run::invocationId).toList();
      throw new InvocationNotFoundException("'" + invocationId + "' matches " + runs.size()
          + " build runs in environment '" + environment + "': " + ids, ids);
    }
    return runs.get(0);
  }

  /** The dependencies of the manifest in force at the run, and in dbt build tests before grandchildren. */
  private DirectedAcyclicGraph<String, DefaultEdge> graph(Run run, Map<String, Result> results) {
    DirectedAcyclicGraph<String, DefaultEdge> dag = new DirectedAcyclicGraph<>(DefaultEdge.class);
    results.keySet().forEach(dag::addVertex);
    List<String[]> edges = Rows.list(store, "the dependencies in force at run " + run.invocationId(), """
        WITH m AS (SELECT DISTINCT manifest_invocation_id FROM run_results
                   WHERE environment = ? AND invocation_id = ? AND manifest_invocation_id IS NOT NULL LIMIT 1)
        SELECT e.parent_id, e.child_id
        FROM store.artifact a JOIN m ON m.manifest_invocation_id = a.invocation_id
        JOIN store.snapshot_edge e ON e.snapshot_id = a.snapshot_id
        WHERE a.environment = ? AND a.kind = 'manifest'
        ORDER BY e.parent_id, e.child_id""",
        r -> new String[] {r.getString(1), r.getString(2)},
        environment, run.invocationId(), environment);
    Map<String, List<String>> children = new HashMap<>();
    for (String[] e : edges) {
      add(dag, e[0], e[1]);
      children.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]);
    }
    if ("build".equals(run.command())) {
      testsBeforeGrandchildren(dag, results, children);
    }
    return dag;
  }

  /** dbt build runs a node after the tests of its parents: a test with one parent precedes that parent's children. */
  private static void testsBeforeGrandchildren(DirectedAcyclicGraph<String, DefaultEdge> dag,
      Map<String, Result> results, Map<String, List<String>> children) {
    for (String test : results.keySet()) {
      if (!test.startsWith("test.") || dag.inDegreeOf(test) != 1) {
        continue;
      }
      String parent = Graphs.predecessorListOf(dag, test).get(0);
      for (String child : children.getOrDefault(parent, List.of())) {
        if (!child.startsWith("test.") && !child.startsWith("unit_test.") && results.containsKey(child)) {
          add(dag, test, child);
        }
      }
    }
  }

  private static void add(DirectedAcyclicGraph<String, DefaultEdge> dag, String parent, String child) {
    dag.addVertex(parent);
    dag.addVertex(child);
    try {
      dag.addEdge(parent, child);
    } catch (IllegalArgumentException cycle) {
      // a manifest with a cycle cannot be built; the edge that would close it is left out
    }
  }

  private static CriticalPath schedule(Run run, Map<String, Result> results, DirectedAcyclicGraph<String, DefaultEdge> dag) {
    Map<String, Double> weight = new HashMap<>();
    results.values().forEach(r -> weight.put(r.uniqueId(), r.executed() ? r.seconds() : 0.0));
    Map<String, Double> start = new HashMap<>();
    Map<String, Double> finish = new HashMap<>();
    Map<String, String> via = new HashMap<>();
    List<String> order = new ArrayList<>();
    dag.iterator().forEachRemaining(order::add);
    double longest = 0;
    String last = null;
    for (String n : order) {
      double s = 0;
      for (String p : Graphs.predecessorListOf(dag, n)) {
        if (!via.containsKey(n) || finish.get(p) > s) {
          s = finish.get(p);
          via.put(n, p);
        }
      }
      double f = s + weight.getOrDefault(n, 0.0);
      start.put(n, s);
      finish.put(n, f);
      if (f > longest) {
        longest = f;
        last = n;
      }
    }
    Map<String, Double> latestFinish = new HashMap<>();
    for (int i = order.size() - 1; i >= 0; i--) {
      String n = order.get(i);
      double lf = longest;
      for (String c : Graphs.successorListOf(dag, n)) {
        lf = Math.min(lf, latestFinish.get(c) - weight.getOrDefault(c, 0.0));
      }
      latestFinish.put(n, lf);
    }
    List<String> path = new ArrayList<>();
    for (String n = last; n != null; n = via.get(n)) {
      if (results.containsKey(n) && results.get(n).executed()) {
        path.add(0, n);
      }
    }
    Set<String> onPath = new HashSet<>(path);
    List<PathNode> nodes = new ArrayList<>();
    for (Result r : results.values()) {
      if (!r.executed()) {
        continue;
      }
      String n = r.uniqueId();
      double slack = Math.max(0, latestFinish.get(n) - finish.get(n));
      nodes.add(new PathNode(n, r.status(), r.seconds(), start.get(n), finish.get(n), round(slack), onPath.contains(n)));
    }
    nodes.sort(Comparator.comparingDouble(PathNode::slack).thenComparingDouble(PathNode::earliestStart)
        .thenComparing(PathNode::uniqueId));
    return new CriticalPath(run.invocationId(), run.runId(), run.jobId(), run.elapsed(), longest, path, nodes);
  }

  /** Slack is a difference of sums of doubles: a node on the path may read 1e-15. */
  private static double round(double seconds) {
    return Math.round(seconds * 1e6) / 1e6;
  }
}
