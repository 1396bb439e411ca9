package dev.dbtlens.server.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server answers to one request, before it is sent.
 *
 * @param status the HTTP status
 * @param contentType the body's media type
 * @param body the body; empty for none
 * @param headers further response headers
 * @param operationName the GraphQL operation the request named, for the log; null for none
 */
record Response(int status, String contentType, byte[] body, Map<String, String> headers,
    String operationName) {
  static final String JSON = "application/json; charset=utf-8";

  Response {
    headers = Map.copyOf(headers);
  }

  static Response json(int status, Object value) {
    return new Response(status, JSON, Json.write(value), Map.of(), null);
  }

  /**
   * An error in the shape of a GraphQL response, so that clients read every failure the same way:
   * {@code {"errors": [{"message": ..., "extensions": {"code": ...}}]}}.
   */
  static Response error(int status, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("extensions", Map.of("code", code));
    return json(status, Map.of("errors", List.of(error)));
  }

  static Response text(int status, String contentType, String body) {
    return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of(), null);
  }

  Response withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Response(status, contentType, body, h, operationName);
  }

  Response withOperationName(String name) {
    return new Response(status, contentType, body, headers, name);
  }
}
