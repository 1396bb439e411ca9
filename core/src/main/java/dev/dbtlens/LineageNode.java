package dev.dbtlens;

import java.util.List;

/**
 * A node of the lineage graph with the fields {@code dbt ls} prints.
 *
 * @param uniqueId dbt's unique id
 * @param resourceType e.g. {@code model}, {@code source}, {@code test}, {@code exposure}
 * @param name the node's name
 * @param packageName its package
 * @param originalFilePath the file that defines it
 * @param path its path relative to its resource folder
 * @param fqn its fully qualified name
 * @param tags its tags
 * @param alias its relation name (identifier for sources), or null
 */
public record LineageNode(
    NodeId uniqueId,
    String resourceType,
    String name,
    String packageName,
    String originalFilePath,
    String path,
    List<String> fqn,
    List<String> tags,
    String alias) {
  /** Copies the lists. */
  public LineageNode {
    fqn = List.copyOf(fqn);
    tags = List.copyOf(tags);
  }

  /** @return the node as {@code dbt ls --output selector} prints it, e.g. {@code source:shop.raw.orders} */
  public String selector() {
    String fq = String.join(".", fqn);
    return switch (resourceType) {
      case "source" -> "source:" + fq;
      case "exposure" -> "exposure:" + fq;
      case "metric" -> "metric:" + fq;
      case "semantic_model" -> "semantic_model:" + fq;
      case "saved_query" -> "saved_query:" + fq;
      case "unit_test" -> "unit_test:" + fq;
      default -> fq;
    };
  }
}
