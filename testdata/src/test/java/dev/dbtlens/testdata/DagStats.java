package dev.dbtlens.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shape figures of a manifest, measured the same way as for the real manifests in the module README: data tests
 * per model, declared columns per model, model fan-in (depends_on.nodes), longest chain of
 * source/seed/snapshot/model edges, and mean compact JSON size of a model node.
 */
record DagStats(double testsPerModel, double columnsPerModel, double fanIn, int maxDepth, double modelBytes) {

    static DagStats of(JsonNode manifest) {
        JsonNode nodes = manifest.get("nodes");
        int models = 0;
        int tests = 0;
        long columns = 0;
        long fanIn = 0;
        long bytes = 0;
        Map<String, List<String>> graph = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : nodes.properties()) {
            JsonNode n = e.getValue();
            String type = n.get("resource_type").asText();
            if (type.equals("test")) {
                tests++;
            }
            if (type.equals("model") || type.equals("seed") || type.equals("snapshot")) {
                List<String> parents = Artifacts.strings(n.get("depends_on").path("nodes")).stream()
                        .filter(p -> !p.startsWith("test.")).toList();
                graph.put(e.getKey(), parents);
            }
            if (type.equals("model")) {
                models++;
                columns += n.get("columns").size();
                fanIn += n.get("depends_on").get("nodes").size();
                bytes += n.toString().length();
            }
        }
        Map<String, Integer> memo = new HashMap<>();
        int depth = 0;
        for (Map.Entry<String, JsonNode> e : nodes.properties()) {
            if (e.getValue().get("resource_type").asText().equals("model")) {
                depth = Math.max(depth, depth(e.getKey(), graph, memo));
            }
        }
        return new DagStats((double) tests / models, (double) columns / models, (double) fanIn / models, depth,
                (double) bytes / models);
    }

    private static int depth(String id, Map<String, List<String>> graph, Map<String, Integer> memo) {
        Integer known = memo.get(id);
        if (known != null) {
            return known;
        }
        int d = 0;
        for (String p : graph.getOrDefault(id, List.of())) {
            d = Math.max(d, 1 + depth(p, graph, memo));
        }
        memo.put(id, d);
        return d;
    }
}
