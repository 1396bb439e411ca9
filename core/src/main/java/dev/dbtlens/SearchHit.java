package dev.dbtlens;

import java.util.List;

/**
 * One node found by {@link DbtLens#search}.
 *
 * @param environment the environment searched
 * @param uniqueId the node's unique id
 * @param name its name
 * @param resourceType its dbt resource type, e.g. {@code model}
 * @param packageName its package
 * @param description its description, or null
 * @param filePath its {@code original_file_path}, or null
 * @param tags its tags
 * @param metaJson its {@code meta} as JSON text, or null
 * @param matchedField the best-ranked field the query matched, or null for a blank query
 * @param highlight a snippet of that field with each matched term as {@code <em>term</em>}, the rest
 *     HTML-escaped; null for a blank query
 * @param score Lucene's relevance score (higher is better; 0 for a blank query)
 */
public record SearchHit(
    String environment,
    String uniqueId,
    String name,
    String resourceType,
    String packageName,
    String description,
    String filePath,
    List<String> tags,
    String metaJson,
    SearchField matchedField,
    String highlight,
    float score) {
  /** Copies the tags. */
  public SearchHit {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
