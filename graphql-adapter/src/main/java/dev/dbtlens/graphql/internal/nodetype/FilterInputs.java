package dev.dbtlens.graphql.internal.nodetype;

import dev.dbtlens.graphql.internal.node.NodeFilter;
import dev.dbtlens.graphql.internal.scalars.Args;

/** The connection filters of the schema (every input type) read into one {@link NodeFilter}. */
final class FilterInputs {
  private FilterInputs() {}

  /**
   * @param f a {@code ModelAppliedFilter}, {@code SourceAppliedFilter}, {@code TestAppliedFilter},
   *     {@code GenericMaterializedFilter}, {@code ExposureFilter}, {@code GenericDefinitionFilter}
   *     or {@code AppliedResourcesFilter}; fields a type lacks are simply absent
   * @return the filter
   */
  static NodeFilter of(Args f) {
    String status = f.has("lastRunStatus") ? f.str("lastRunStatus") : f.str("status");
    return new NodeFilter(
        f.strings("uniqueIds"),
        f.strings("tags"),
        f.str("database"),
        f.str("schema"),
        f.str("identifier"),
        f.str("packageName"),
        f.str("access"),
        f.str("group"),
        f.str("modelingLayer"),
        status,
        f.strings("sourceNames"),
        f.bool("freshnessChecked"),
        f.str("freshnessStatus"),
        f.strings("testTypes"),
        f.strings("exposureTypes"),
        f.jsonText("meta"),
        f.str("select"),
        f.str("exclude"));
  }
}
