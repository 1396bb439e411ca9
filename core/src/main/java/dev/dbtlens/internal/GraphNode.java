package dev.dbtlens.internal;

import dev.dbtlens.LineageNode;
import dev.dbtlens.NodeId;
import java.util.List;

/**
 * A lineage node with what selection methods match on. Its config is not kept here: {@code
 * config:} reads the configs of the whole graph on first use ({@link GraphLoader#configs}).
 */
final class GraphNode {
  final String uniqueId;
  final String resourceType;
  final String name;
  final String packageName;
  final String originalFilePath;
  final String path;
  final String patchPath;
  final List<String> fqn;
  final List<String> tags;
  final String alias;
  final String access;
  final String group;
  final String version;
  final String latestVersion;
  final String testName;
  final String sourceName;

  GraphNode(String uniqueId, String resourceType, String name, String packageName,
      String originalFilePath, String path, String patchPath, List<String> fqn, List<String> tags,
      String alias, String access, String group, String version, String latestVersion,
      String testName, String sourceName) {
    this.uniqueId = uniqueId;
    this.resourceType = resourceType;
    this.name = name;
    this.packageName = packageName;
    this.originalFilePath = originalFilePath;
    this.path = path;
    this.patchPath = patchPath;
    this.fqn = fqn;
    this.tags = tags;
    this.alias = alias;
    this.access = access;
    this.group = group;
    this.version = version;
    this.latestVersion = latestVersion;
    this.testName = testName;
    this.sourceName = sourceName;
  }

  boolean isVersioned() {
    return version != null;
  }

  LineageNode toPublic() {
    return new LineageNode(NodeId.of(uniqueId), resourceType, name, packageName, originalFilePath,
        path, fqn, tags, alias);
  }
}
