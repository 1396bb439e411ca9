package dev.dbtlens.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBStruct;

/**
 * DuckDB's JDBC values as plain Java: lists, maps, parsed JSON, ISO-8601 timestamp strings, numbers,
 * booleans and strings. One conversion serves every output format.
 */
final class JdbcValues {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * @param value what {@code ResultSet.getObject} returned
   * @return null, String, Number, Boolean, List, Map or a Jackson {@link JsonNode}
   */
  public Object toJava(Object value) throws SQLException {
    if (value == null || value instanceof String || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof org.duckdb.JsonNode json) {
      return parseJson(json.toString());
    }
    if (value instanceof Array array) {
      return list((Object[]) array.getArray());
    }
    if (value instanceof DuckDBStruct struct) {
      return map(struct.getMap());
    }
    if (value instanceof Map<?, ?> map) {
      return map(map);
    }
    if (value instanceof Blob blob) {
      return Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length()));
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    return temporalOrText(value);
  }

  /**
   * @param javaValue a value from {@link #toJava}
   * @return its text for a table cell or a CSV field: JSON for lists, maps and JSON, "" for null
   */
  public String text(Object javaValue) {
    if (javaValue == null) {
      return "";
    }
    if (javaValue instanceof String s) {
      return s;
    }
    if (javaValue instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (javaValue instanceof List<?> || javaValue instanceof Map<?, ?> || javaValue instanceof JsonNode) {
      return json(javaValue);
    }
    return javaValue.toString();
  }

  /**
   * @param javaValue a value from {@link #toJava}
   * @return it as JSON text
   */
  public String json(Object javaValue) {
    try {
      return MAPPER.writeValueAsString(javaValue);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + javaValue.getClass().getName() + " as JSON", e);
    }
  }

  private Object parseJson(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return text; // DuckDB's JSON type does not validate every value; keep what it holds
    }
  }

  private List<Object> list(Object[] elements) throws SQLException {
    List<Object> out = new ArrayList<>(elements.length);
    for (Object e : elements) {
      out.add(toJava(e));
    }
    return out;
  }

  private Map<String, Object> map(Map<?, ?> entries) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      out.put(String.valueOf(e.getKey()), toJava(e.getValue()));
    }
    return out;
  }

  private static Object temporalOrText(Object value) {
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }
    if (value instanceof LocalDateTime t) {
      return t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }
    if (value instanceof OffsetDateTime t) {
      return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof java.sql.Time t) {
      return t.toLocalTime().format(DateTimeFormatter.ISO_LOCAL_TIME);
    }
    if (value instanceof java.time.LocalTime t) {
      return t.format(DateTimeFormatter.ISO_LOCAL_TIME);
    }
    if (value instanceof UUID u) {
      return u.toString();
    }
    return value.toString(); // LocalDate, intervals and anything else DuckDB hands over as text
  }
}
