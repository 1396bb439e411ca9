package dev.dbtlens.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;

/** The server's one configured Jackson mapper: strict reading (no trailing tokens), compact writing. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectReader TREE = MAPPER.reader();
  private static final ObjectWriter WRITER = MAPPER.writer();

  private Json() {}

  /** @throws IOException if the bytes are not one JSON value */
  static JsonNode read(byte[] json) throws IOException {
    return TREE.readTree(json);
  }

  static <T> T convert(JsonNode node, Class<T> type) {
    return MAPPER.convertValue(node, type);
  }

  static byte[] write(Object value) {
    try {
      return WRITER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the response as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
