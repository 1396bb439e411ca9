package dev.dbtlens.graphql.internal.node;

import dev.dbtlens.graphql.internal.execution.NodeKey;
import dev.dbtlens.graphql.internal.execution.Row;
import dev.dbtlens.graphql.internal.scalars.JsonText;
import java.sql.SQLException;
import java.util.List;

/**
 * One node of an environment's latest manifest (a row of the {@code nodes} view with a few fields
 * read from its JSON): the source of every node type of the schema. Components are named after
 * the GraphQL fields they serve.
 */
public record NodeRow(
    String environmentId,
    String uniqueId,
    String resourceType,
    String name,
    String packageName,
    String database,
    String schema,
    String alias,
    String relationName,
    String materializedType,
    List<String> tags,
    JsonText meta,
    String description,
    String filePath,
    String patchPath,
    String owner,
    String access,
    String group,
    String version,
    String latestVersion,
    String language,
    String rawCode,
    String compiledCode,
    JsonText config,
    List<String> fqn,
    List<String> dependsOn,
    String sourceName,
    String loadedAtField,
    JsonText freshnessCriteria,
    JsonText testMetadataJson,
    String columnName,
    String testedNodeUniqueId,
    Boolean contractEnforced,
    JsonText constraints,
    String nodeType,
    String maturity,
    String url,
    String ownerEmail,
    String label,
    String loader,
    String sourceDescription,
    String deprecationDate,
    JsonText definitionJson,
    String modelingLayer,
    String testType) {

  public NodeRow {
    tags = List.copyOf(tags);
    fqn = List.copyOf(fqn);
    dependsOn = List.copyOf(dependsOn);
  }

  public NodeKey key() {
    return new NodeKey(environmentId, uniqueId);
  }

  /** Sources: their identifier is the alias column. */
  public String identifier() {
    return alias;
  }

  static NodeRow read(Row r) throws SQLException {
    return new NodeRow(r.str("environment"), r.str("unique_id"), r.str("resource_type"),
        r.str("name"), r.str("package_name"), r.str("database"), r.str("schema"), r.str("alias"),
        r.str("relation_name"), r.str("materialized"), r.strings("tags"), r.json("meta"),
        r.str("description"), r.str("original_file_path"), r.str("patch_path"), r.str("owner"),
        r.str("access"), r.str("group_name"), r.str("version"), r.str("latest_version"),
        r.str("language"), r.str("raw_code"), r.str("compiled_code"), r.json("config"),
        r.strings("fqn"), r.strings("depends_on_nodes"), r.str("source_name"),
        r.str("loaded_at_field"), r.json("freshness"), r.json("test_metadata"),
        r.str("column_name"), r.str("tested_node"), r.bool("contract_enforced"),
        r.json("constraints"), r.str("node_type"), r.str("maturity"), r.str("url"),
        r.str("owner_email"), r.str("label"), r.str("loader"), r.str("source_description"),
        r.str("deprecation_date"), r.json("definition_json"), r.str("modeling_layer"),
        r.str("test_type"));
  }
}
