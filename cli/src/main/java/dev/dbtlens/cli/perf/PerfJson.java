package dev.dbtlens.cli.perf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Core's performance records as JSON: their components in order, dates and instants as ISO text. */
final class PerfJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PerfJson() {}

  static String write(Object value) throws JsonProcessingException {
    return MAPPER.writeValueAsString(plain(value));
  }

  private static Object plain(Object value) {
    if (value instanceof LocalDate || value instanceof Instant || value instanceof Enum<?>) {
      return value.toString();
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(plain(v)));
      return out;
    }
    if (value instanceof Record r) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        out.put(c.getName(), plain(read(c, r)));
      }
      return out;
    }
    return value;
  }

  private static Object read(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("reading " + c.getName() + " of " + r.getClass().getSimpleName(), e);
    }
  }
}
