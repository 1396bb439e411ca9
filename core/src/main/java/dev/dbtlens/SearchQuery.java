package dev.dbtlens;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A full-text search of an environment's latest manifest, with filters (see {@code
 * docs/search.md}). Every filter list matches any of its values (case-insensitive); an empty list
 * does not filter.
 *
 * @param text the query: words (all must match, in any searched field), {@code "quoted phrases"},
 *     {@code prefix*}, {@code OR}, {@code -excluded}, as Lucene's classic query syntax; blank lists
 *     every node that passes the filters, by unique id
 * @param fields the fields to search; empty for all of {@link SearchField}
 * @param resourceTypes dbt resource types, e.g. {@code model}, {@code source}, {@code
 *     semantic_model}
 * @param accessLevels model access: {@code private}, {@code protected}, {@code public} (a model
 *     whose manifest predates access counts as {@code protected}, dbt's default)
 * @param materializations e.g. {@code table}, {@code view}, {@code incremental}
 * @param modelingLayers {@code staging}, {@code intermediate}, {@code marts} or {@code other}
 *     (models only; from the model's folder, else its name's prefix)
 * @param tags node tags
 */
public record SearchQuery(
    String text,
    Set<SearchField> fields,
    List<String> resourceTypes,
    List<String> accessLevels,
    List<String> materializations,
    List<String> modelingLayers,
    List<String> tags) {
  /** Copies the collections; null means empty. */
  public SearchQuery {
    text = text == null ? "" : text;
    fields = fields == null || fields.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fields));
    resourceTypes = copy(resourceTypes);
    accessLevels = copy(accessLevels);
    materializations = copy(materializations);
    modelingLayers = copy(modelingLayers);
    tags = copy(tags);
  }

  /**
   * @param text the query text
   * @return a search of every field, without filters
   */
  public static SearchQuery of(String text) {
    return new SearchQuery(text, null, null, null, null, null, null);
  }

  /** @param f the fields to search @return a copy searching only those */
  public SearchQuery withFields(Set<SearchField> f) {
    return new SearchQuery(text, f, resourceTypes, accessLevels, materializations, modelingLayers, tags);
  }

  /** @param v resource types @return a copy keeping only nodes of those types */
  public SearchQuery withResourceTypes(List<String> v) {
    return new SearchQuery(text, fields, v, accessLevels, materializations, modelingLayers, tags);
  }

  /** @param v access levels @return a copy keeping only models with those */
  public SearchQuery withAccessLevels(List<String> v) {
    return new SearchQuery(text, fields, resourceTypes, v, materializations, modelingLayers, tags);
  }

  /** @param v materializations @return a copy keeping only nodes materialized so */
  public SearchQuery withMaterializations(List<String> v) {
    return new SearchQuery(text, fields, resourceTypes, accessLevels, v, modelingLayers, tags);
  }

  /** @param v modeling layers @return a copy keeping only models of those layers */
  public SearchQuery withModelingLayers(List<String> v) {
    return new SearchQuery(text, fields, resourceTypes, accessLevels, materializations, v, tags);
  }

  /** @param v tags @return a copy keeping only nodes with one of those tags */
  public SearchQuery withTags(List<String> v) {
    return new SearchQuery(text, fields, resourceTypes, accessLevels, materializations, modelingLayers, v);
  }

  private static List<String> copy(List<String> in) {
    return in == null ? List.of() : in.stream().filter(Objects::nonNull).toList();
  }
}
