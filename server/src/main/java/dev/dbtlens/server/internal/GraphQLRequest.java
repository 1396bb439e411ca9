package dev.dbtlens.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A GraphQL request body as clients POST it: {@code {"query": ..., "variables": {...},
 * "operationName": ...}}. Other members (such as {@code extensions}) are ignored.
 *
 * @param query the document
 * @param variables the variables; empty when absent or null
 * @param operationName the operation to run, or null
 */
record GraphQLRequest(String query, Map<String, Object> variables, String operationName) {

  /** The body is not a GraphQL request; its message says why, for the client. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  static GraphQLRequest parse(byte[] body) throws Malformed {
    JsonNode root;
    try {
      root = Json.read(body);
    } catch (IOException e) {
      throw new Malformed("The body is not JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new Malformed("The body must be a JSON object {\"query\": ..., \"variables\": {...},"
          + " \"operationName\": ...}" + (root != null && root.isArray()
              ? "; batched requests are not supported" : ""));
    }
    JsonNode query = root.get("query");
    if (query == null || !query.isTextual()) {
      throw new Malformed("The body has no \"query\" string.");
    }
    return new GraphQLRequest(query.asText(), variables(root.get("variables")),
        operationName(root.get("operationName")));
  }

  private static Map<String, Object> variables(JsonNode node) throws Malformed {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new Malformed("\"variables\" must be a JSON object.");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      out.put(e.getKey(), Json.convert(e.getValue(), Object.class));
    }
    return out;
  }

  private static String operationName(JsonNode node) throws Malformed {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new Malformed("\"operationName\" must be a string.");
    }
    return node.asText().isEmpty() ? null : node.asText();
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message;
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
