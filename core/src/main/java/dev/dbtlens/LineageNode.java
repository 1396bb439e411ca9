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
 * @param sourceName for sources, the source's name ({@code raw} of {@code source.shop.raw.orders}), else null
 * @param version for versioned models, the version (e.g. {@code 2}), else null
 * @param materialized {@code config.materialized} ({@code table}, {@code view}, {@code seed}, ...), or null
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
    String alias,
    String sourceName,
    String version,
    String materialized) {
  /** Copies the lists. */
  public LineageNode {
    fqn = List.copyOf(fqn);
    tags = List.copyOf(tags);
  }

  /**
   * @return the node as {@code dbt ls --output selector} prints it: {@code
   *     source:package.source_name.table} for sources, {@code exposure:package.name} (likewise
   *     {@code metric:}, {@code semantic_model:}, {@code saved_query:}, {@code unit_test:}), else the
   *     fqn joined by dots. In rare graphs it also selects other nodes (a seed named like a folder
   *     of models): {@link Lineage#selector(NodeId)} gives one that selects only this node
   */
  public String selector() {
    return switch (resourceType) {
      case "source" -> "source:" + packageName + "." + sourceNameOrFqn() + "." + name;
      case "exposure", "metric", "semantic_model", "saved_query", "unit_test" ->
          resourceType + ":" + packageName + "." + name;
      default -> fqn.isEmpty() ? name : String.join(".", fqn);
    };
  }

  /** Older manifests may lack source_name: dbt's fqn of a source ends with its source and table names. */
  private String sourceNameOrFqn() {
    if (sourceName != null) {
      return sourceName;
    }
    if (fqn.size() >= 2) {
      return fqn.get(fqn.size() - 2);
    }
    String sourceAndTable = uniqueId.name();
    return sourceAndTable.substring(0, Math.max(0, sourceAndTable.lastIndexOf('.')));
  }
}
