package dev.dbtlens;

import java.util.List;

/**
 * The latest definition of a node in an environment: a model, test, seed, snapshot, source,
 * exposure, metric, semantic model, saved query, unit test, group or analysis. Absent values are
 * null; JSON-valued fields hold JSON text.
 *
 * @param environment the environment
 * @param uniqueId dbt's unique id
 * @param resourceType e.g. {@code model}
 * @param name the node's name
 * @param packageName the dbt package it belongs to
 * @param database the database (or project) it builds into
 * @param schema the schema it builds into
 * @param alias the relation name in the warehouse (identifier for sources)
 * @param materialized e.g. {@code table}, {@code view}, {@code incremental}, {@code ephemeral}
 * @param tags its tags
 * @param originalFilePath the file that defines it, relative to its package
 * @param description its description
 * @param checksum dbt's checksum of its file
 * @param rawCode the code as written
 * @param compiledCode the last known compiled code (kept when a later manifest lacks it)
 * @param metaJson {@code meta} as JSON
 * @param configJson {@code config} as JSON
 */
public record Node(
    String environment,
    NodeId uniqueId,
    String resourceType,
    String name,
    String packageName,
    String database,
    String schema,
    String alias,
    String materialized,
    List<String> tags,
    String originalFilePath,
    String description,
    String checksum,
    String rawCode,
    String compiledCode,
    String metaJson,
    String configJson) {
  /** Copies the tags. */
  public Node {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
