package dev.dbtlens.graphql;

import java.util.Map;

/**
 * One node as one run saw it: the source of the job-level types ({@code ModelNode}, {@code
 * SourceNode}, {@code TestNode}, ...). {@code node} is its definition in the latest manifest
 * (null once it left the project), {@code run} its result in that run, {@code freshness} its
 * freshness check in that run (sources), {@code results} every result of the run by unique id
 * (to answer {@code tests} with their status in the same run), {@code macro} the macro of a
 * {@code MacroNode}; each null when not known.
 */
record JobItem(String environment, String uniqueId, String resourceType, NodeRow node, RunRow run,
    FreshnessRun freshness, Map<String, RunRow> results, MacroRow macro) {

  NodeKey key() {
    return new NodeKey(environment, uniqueId);
  }

  static JobItem of(NodeRow node, Map<String, RunRow> results) {
    return new JobItem(node.environmentId(), node.uniqueId(), node.resourceType(), node,
        results == null ? null : results.get(node.uniqueId()), null, results, null);
  }
}
