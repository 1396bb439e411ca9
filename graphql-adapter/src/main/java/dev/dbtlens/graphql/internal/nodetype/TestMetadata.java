package dev.dbtlens.graphql.internal.nodetype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.graphql.internal.node.NodeRow;
import dev.dbtlens.graphql.internal.scalars.Json;
import dev.dbtlens.graphql.internal.scalars.JsonText;

/**
 * A generic test's {@code test_metadata}: the GraphQL {@code TestMetadata}.
 *
 * @param name the generic test, e.g. {@code not_null}
 * @param namespace its package when not dbt's own, e.g. {@code dbt_utils}
 * @param columnName the column it tests, if any
 * @param kwargs its arguments
 */
record TestMetadata(String name, String namespace, String columnName, Object kwargs) {
  /** @return the test's metadata, or null for a singular or unit test */
  static TestMetadata of(NodeRow test) {
    JsonNode m = test.testMetadataJson() == null ? null : Json.tree(test.testMetadataJson().text());
    if (m == null || !m.isObject()) {
      return null;
    }
    String column = test.columnName() != null ? test.columnName()
        : m.path("kwargs").path("column_name").textValue();
    return new TestMetadata(m.path("name").textValue(), m.path("namespace").textValue(), column,
        Json.plain(m.get("kwargs")));
  }
}
