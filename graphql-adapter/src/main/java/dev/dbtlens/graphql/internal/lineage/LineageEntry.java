package dev.dbtlens.graphql.internal.lineage;

import dev.dbtlens.LineageNode;
import dev.dbtlens.graphql.internal.execution.NodeKey;
import java.util.List;

/** One node of a {@code lineage} answer: the GraphQL {@code LineageNode}. */
record LineageEntry(String environmentId, String uniqueId, String name, String resourceType,
    String packageName, String filePath, List<String> fqn, List<String> tags, String alias,
    String selector, List<String> parentIds, boolean matchesMethod) {

  LineageEntry {
    fqn = List.copyOf(fqn);
    tags = List.copyOf(tags);
    parentIds = List.copyOf(parentIds);
  }

  static LineageEntry of(String environment, LineageNode node, List<String> parentIds,
      boolean matchesMethod) {
    return new LineageEntry(environment, node.uniqueId().value(), node.name(), node.resourceType(),
        node.packageName(), node.originalFilePath(), node.fqn(), node.tags(), node.alias(),
        node.selector(), parentIds, matchesMethod);
  }

  NodeKey key() {
    return new NodeKey(environmentId, uniqueId);
  }
}
