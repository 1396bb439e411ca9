package dev.dbtlens.internal.dbt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/** The one configured Jackson mapper, and tolerant accessors that name JSON paths in errors. */
public final class Json {
  public static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(1000)
          .maxStringLength(256 * 1024 * 1024)
          .build())
      .build();

  public static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  static final ObjectWriter WRITER = MAPPER.writer();

  private Json() {}

  /** @return the parser's current location as {@code $.results[3].status} */
  public static String path(JsonParser parser) {
    return fromPointer(parser.getParsingContext().pathAsPointer());
  }

  static String fromPointer(JsonPointer pointer) {
    StringBuilder b = new StringBuilder("$");
    for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
      if (p.mayMatchElement()) {
        b.append('[').append(p.getMatchingIndex()).append(']');
      } else {
        b.append('.').append(p.getMatchingProperty());
      }
    }
    return b.toString();
  }

  public static String child(String path, String field) {
    return path + "." + field;
  }

  public static String element(String path, int index) {
    return path + "[" + index + "]";
  }

  /** @return the node's JSON text, or null for a missing or null node */
  public static String text(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    try {
      return WRITER.writeValueAsString(node);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return a scalar as text (numbers and booleans printed), or null for missing, null or containers */
  public static String scalar(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
      return null;
    }
    return node.asText();
  }

  /** @return the string elements of an array (scalars printed), empty for a missing or null node */
  public static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || !node.isArray()) {
      return out;
    }
    for (JsonNode e : node) {
      String s = scalar(e);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** @return true for a missing, null or empty container node */
  public static boolean isEmpty(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() || (node.isContainerNode() && node.isEmpty());
  }
}
