package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs queries in tests and reads their data as JSON trees. */
final class Gql {
  private Gql() {}

  /** @return the data of a query that must succeed */
  static JsonNode data(DbtLensGraphQL graphql, String query, Map<String, Object> variables) {
    GraphQLResult r = graphql.execute(query, variables);
    assertThat(r.errors()).as("errors of %s", query).isEmpty();
    return Sample.MAPPER.valueToTree(r.data());
  }

  static JsonNode data(DbtLensGraphQL graphql, String query) {
    return data(graphql, query, Map.of());
  }

  /** @return the text of each element's field at {@code pointer} */
  static List<String> texts(Iterable<JsonNode> list, String pointer) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.at(pointer).isNull() || n.at(pointer).isMissingNode() ? null : n.at(pointer).asText()));
    return out;
  }

  /** @return the nodes of a connection's edges */
  static List<JsonNode> nodes(JsonNode connection) {
    List<JsonNode> out = new ArrayList<>();
    connection.path("edges").forEach(e -> out.add(e.path("node")));
    return out;
  }

  /** @return the messages of a failed result's errors */
  static List<String> messages(GraphQLResult r) {
    List<String> out = new ArrayList<>();
    r.errors().forEach(e -> out.add(String.valueOf(e.get("message"))));
    return out;
  }
}
