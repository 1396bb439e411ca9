package dev.dbtlens.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbtlens.Alert;
import dev.dbtlens.DbtLens;
import dev.dbtlens.InvocationNotFoundException;
import dev.dbtlens.NotFoundException;
import dev.dbtlens.Performance;
import dev.dbtlens.Recommendation;
import dev.dbtlens.RecommendationMetric;
import dev.dbtlens.Recommendations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's data that comes from core's Java API rather than from the views the collector reads:
 * the critical path of every embedded run timeline ({@code cp}), and the overview's sections
 * {@code recommendations} and {@code alerts} (see docs/report.md). Nodes are referred to by their
 * index in {@code n}, invocations by their index in {@code inv}.
 */
final class Sections {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Sections() {}

  static void add(DbtLens lens, String env, ObjectNode data) {
    Map<String, Integer> nodes = new HashMap<>();
    JsonNode n = data.path("n");
    for (int i = 0; i < n.size(); i++) {
      nodes.put(n.get(i).get(0).asText(), i);
    }
    criticalPaths(lens.performance(env), data, nodes);
    ObjectNode sections = (ObjectNode) data.get("sections");
    recommendations(lens, env, nodes, sections);
    alerts(lens, env, data, nodes, sections);
  }

  /**
   * {@code cp}: invocation index → {@code {p: [node indexes on the path, first first], s: path
   * seconds, w: the run's wall time or null, n: nodes on the path}}, for each embedded timeline of a
   * build run (a compile or docs run has no critical path and no entry).
   */
  private static void criticalPaths(Performance perf, ObjectNode data, Map<String, Integer> nodes) {
    ObjectNode cp = data.putObject("cp");
    Iterator<String> runs = data.path("runs").fieldNames();
    while (runs.hasNext()) {
      String v = runs.next();
      String invocationId = data.path("inv").path(Integer.parseInt(v)).path(0).asText();
      Performance.CriticalPath path;
      try {
        path = perf.criticalPath(invocationId);
      } catch (InvocationNotFoundException e) {
        continue; // not a build run
      }
      ObjectNode o = cp.putObject(v);
      ArrayNode p = o.putArray("p");
      path.path().forEach(uid -> {
        Integer i = nodes.get(uid);
        p.add(i == null ? -1 : i);
      });
      o.put("s", path.pathSeconds());
      if (path.runElapsedSeconds() == null) {
        o.putNull("w");
      } else {
        o.put("w", path.runElapsedSeconds());
      }
    }
  }

  /**
   * {@code sections.recommendations}: {@code {metrics: {name: value}, categories: [[category,
   * violations]], rules: [[rule, category, violations, [node indexes, at most 5]]], total}} with the
   * {@value HtmlReport#TOP_RULES} most violated rules. Absent when the environment has no manifest.
   */
  private static void recommendations(DbtLens lens, String env, Map<String, Integer> nodes, ObjectNode sections) {
    Recommendations recs;
    try {
      recs = lens.recommendations(env, null);
    } catch (NotFoundException e) {
      return;
    }
    ObjectNode o = sections.putObject("recommendations");
    ObjectNode metrics = o.putObject("metrics");
    for (RecommendationMetric m : recs.metrics()) {
      metrics.put(m.name(), m.value());
    }
    Map<String, Integer> categories = new LinkedHashMap<>();
    Map<String, List<Recommendation>> rules = new LinkedHashMap<>();
    for (Recommendation r : recs.violations()) {
      categories.merge(r.category(), 1, Integer::sum);
      rules.computeIfAbsent(r.ruleName(), k -> new ArrayList<>()).add(r);
    }
    ArrayNode cats = o.putArray("categories");
    categories.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> cats.addArray().add(e.getKey()).add(e.getValue()));
    ArrayNode top = o.putArray("rules");
    rules.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, List<Recommendation>>>comparingInt(e -> -e.getValue().size())
            .thenComparing(Map.Entry::getKey))
        .limit(HtmlReport.TOP_RULES)
        .forEach(e -> {
          ArrayNode row = top.addArray().add(e.getKey()).add(e.getValue().get(0).category()).add(e.getValue().size());
          ArrayNode examples = row.addArray();
          e.getValue().stream().map(Recommendation::uniqueId).filter(nodes::containsKey).distinct().limit(5)
              .forEach(uid -> examples.add(nodes.get(uid)));
        });
    o.put("total", recs.violations().size());
    o.put("ruleCount", rules.size());
  }

  /**
   * {@code sections.alerts}: the newest {@value HtmlReport#ALERTS} alerts, newest first, each
   * {@code [node index or -1, kind, severity, status, previous status, message, detected ms,
   * invocation index or -1, unique id]}. Absent when there is none.
   */
  private static void alerts(DbtLens lens, String env, ObjectNode data, Map<String, Integer> nodes,
      ObjectNode sections) {
    List<Alert> alerts = lens.alerts().list(env, HtmlReport.ALERTS);
    if (alerts.isEmpty()) {
      return;
    }
    Map<String, Integer> invocations = new HashMap<>();
    JsonNode inv = data.path("inv");
    for (int i = 0; i < inv.size(); i++) {
      invocations.put(inv.get(i).get(0).asText(), i);
    }
    ArrayNode list = sections.putArray("alerts");
    for (Alert a : alerts) {
      ArrayNode row = list.addArray();
      row.add(nodes.getOrDefault(a.uniqueId(), -1)).add(a.kind()).add(a.severity()).add(a.status());
      row.add(a.previousStatus() == null ? F.nullNode() : F.textNode(a.previousStatus()));
      row.add(a.message() == null ? "" : a.message());
      row.add(a.detectedAt() == null ? 0 : a.detectedAt().toEpochMilli());
      row.add(invocations.getOrDefault(a.invocationId(), -1)).add(a.uniqueId());
    }
  }
}
