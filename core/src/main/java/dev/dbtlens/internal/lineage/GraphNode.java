package dev.dbtlens.internal.lineage;

import dev.dbtlens.LineageNode;
import dev.dbtlens.NodeId;
import java.util.List;

/**
 * A lineage node with what selection methods match on. Its config is not kept here: {@code
 * config:} reads the configs of the whole graph on first use ({@link GraphLoader#configs}).
 */
public final class GraphNode {
  public final String uniqueId;
  public final String resourceType;
  public final String name;
  public final String packageName;
  public final String originalFilePath;
  final String path;
  public final String patchPath;
  public final List<String> fqn;
  final List<String> tags;
  final String alias;
  public final String access;
  public final String group;
  public final String version;
  public final String latestVersion;
  public final String testName;
  public final String sourceName;
  /** {@code config.materialized}, or null. */
  public final String materialized;

  GraphNode(String uniqueId, String resourceType, String name, String packageName,
      String originalFilePath, String path, String patchPath, List<String> fqn, List<String> tags,
      String alias, String access, String group, String version, String latestVersion,
      String testName, String sourceName, String materialized) {
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
    this.materialized = materialized;
  }

  public boolean isVersioned() {
    return version != null;
  }

  LineageNode toPublic() {
    return new LineageNode(NodeId.of(uniqueId), resourceType, name, packageName, originalFilePath,
        path, fqn, tags, alias, sourceName, version, materialized);
  }
}
