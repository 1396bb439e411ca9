package dev.dbtlens.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Expected values computed from the artifact JSON itself, independently of dbtlens: the latest
 * manifest, every build result in time order, the latest freshness check of each source.
 */
final class Oracle {
  private static final Set<String> BUILD_COMMANDS =
      Set.of("build", "run", "seed", "snapshot", "test", "retry");

  /** One result of a build. */
  record Result(String invocationId, Instant generatedAt, int index, String uniqueId,
      String status, Double executionTime, String message, Long failures, String executeCompletedAt) {}

  /** One freshness check. */
  record Check(String invocationId, Instant generatedAt, String uniqueId, String status,
      Double ageSeconds) {}

  final JsonNode manifest;
  final List<Result> builds = new ArrayList<>();
  final Map<String, Check> latestChecks = new TreeMap<>();

  private Oracle(List<Path> roots) {
    List<Path> files = files(roots);
    JsonNode latest = null;
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.startsWith("manifest")) {
        JsonNode m = Sample.read(f);
        if (latest == null || !generatedAt(m).isBefore(generatedAt(latest))) {
          latest = m;
        }
      } else if (name.startsWith("run_results")) {
        addResults(Sample.read(f));
      } else if (name.startsWith("sources")) {
        addChecks(Sample.read(f));
      }
    }
    manifest = latest;
    builds.sort(Comparator.comparing(Result::generatedAt).thenComparing(Result::index));
  }

  static Oracle of(List<Path> roots) {
    return new Oracle(roots);
  }

  private static List<Path> files(List<Path> roots) {
    List<Path> out = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> s = Files.walk(root)) {
        s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static Instant generatedAt(JsonNode artifact) {
    String t = artifact.at("/metadata/generated_at").asText();
    return Instant.parse(t.endsWith("Z") || t.contains("+") ? t : t + "Z");
  }

  private void addResults(JsonNode rr) {
    String which = rr.at("/args/which").isMissingNode() ? null : rr.at("/args/which").asText(null);
    if (which != null && !BUILD_COMMANDS.contains(which)) {
      return;
    }
    Instant at = generatedAt(rr);
    String inv = rr.at("/metadata/invocation_id").asText();
    int i = 0;
    for (JsonNode r : rr.get("results")) {
      String completed = null;
      for (JsonNode t : r.path("timing")) {
        if ("execute".equals(t.path("name").asText())) {
          completed = t.path("completed_at").asText(null);
        }
      }
      builds.add(new Result(inv, at, i++, r.get("unique_id").asText(),
          r.get("status").asText().toLowerCase(Locale.ROOT),
          r.hasNonNull("execution_time") ? r.get("execution_time").asDouble() : null,
          r.path("message").asText(null),
          r.hasNonNull("failures") ? r.get("failures").asLong() : null, completed));
    }
  }

  private void addChecks(JsonNode sources) {
    Instant at = generatedAt(sources);
    String inv = sources.at("/metadata/invocation_id").asText();
    for (JsonNode r : sources.get("results")) {
      Check c = new Check(inv, at, r.get("unique_id").asText(),
          r.get("status").asText().toLowerCase(Locale.ROOT),
          r.hasNonNull("max_loaded_at_time_ago_in_s") ? r.get("max_loaded_at_time_ago_in_s").asDouble() : null);
      Check old = latestChecks.get(c.uniqueId());
      if (old == null || !c.generatedAt().isBefore(old.generatedAt())) {
        latestChecks.put(c.uniqueId(), c);
      }
    }
  }

  /** @return the latest build attempt of every node that has one */
  Map<String, Result> lastAttempt() {
    Map<String, Result> out = new HashMap<>();
    builds.forEach(r -> out.put(r.uniqueId(), r));
    return out;
  }

  /** @return the latest successful build (success, or pass for tests) of every node that has one */
  Map<String, Result> lastSuccess() {
    Map<String, Result> out = new HashMap<>();
    builds.stream().filter(r -> r.status().equals("success") || r.status().equals("pass"))
        .forEach(r -> out.put(r.uniqueId(), r));
    return out;
  }

  /** @return the build results of a node, newest first */
  List<Result> history(String uniqueId) {
    List<Result> out = new ArrayList<>();
    builds.stream().filter(r -> r.uniqueId().equals(uniqueId)).forEach(r -> out.add(0, r));
    return out;
  }

  /** @return the latest manifest's nodes of that resource type (sources included), sorted */
  List<String> ids(String resourceType) {
    TreeSet<String> out = new TreeSet<>();
    for (String section : List.of("nodes", "sources", "exposures", "metrics", "unit_tests")) {
      for (Map.Entry<String, JsonNode> e : manifest.path(section).properties()) {
        String type = e.getValue().path("resource_type").asText(e.getKey().split("\\.")[0]);
        if (type.equals(resourceType)) {
          out.add(e.getKey());
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** @return the direct parents of a node (parent_map, else depends_on.nodes), sorted */
  List<String> parents(String id) {
    TreeSet<String> out = new TreeSet<>();
    JsonNode pm = manifest.path("parent_map").path(id);
    if (!pm.isMissingNode()) {
      pm.forEach(p -> out.add(p.asText()));
      return new ArrayList<>(out);
    }
    for (String section : List.of("nodes", "sources", "exposures", "metrics", "unit_tests")) {
      manifest.path(section).path(id).path("depends_on").path("nodes").forEach(p -> out.add(p.asText()));
    }
    return new ArrayList<>(out);
  }

  /** @return every ancestor of a node, sorted */
  Set<String> ancestors(String id) {
    TreeSet<String> out = new TreeSet<>();
    List<String> todo = new ArrayList<>(parents(id));
    while (!todo.isEmpty()) {
      String p = todo.remove(todo.size() - 1);
      if (out.add(p)) {
        todo.addAll(parents(p));
      }
    }
    return out;
  }

  /** @return the tests (data and unit) whose parents include the node, sorted */
  List<String> testsOf(String id) {
    TreeSet<String> out = new TreeSet<>();
    for (String type : List.of("test", "unit_test")) {
      for (String t : ids(type)) {
        if (parents(t).contains(id)) {
          out.add(t);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** @return the model with the most ancestors (ties: the greatest id), for lineage use cases */
  String deepestModel() {
    Map<String, Integer> depth = new LinkedHashMap<>();
    ids("model").forEach(m -> depth.put(m, ancestors(m).size()));
    return depth.entrySet().stream()
        .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .orElseThrow().getKey();
  }
}
