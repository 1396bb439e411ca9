package dev.dbtlens.graphql.internal.execution;

import dev.dbtlens.graphql.internal.scalars.JsonText;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Typed, null-aware reads of the current row by column name. */
public final class Row {
  private final ResultSet r;

  Row(ResultSet r) {
    this.r = r;
  }

  public String str(String col) throws SQLException {
    return r.getString(col);
  }

  public JsonText json(String col) throws SQLException {
    return JsonText.of(r.getString(col));
  }

  public Double dbl(String col) throws SQLException {
    double v = r.getDouble(col);
    return r.wasNull() ? null : v;
  }

  public Long lng(String col) throws SQLException {
    long v = r.getLong(col);
    return r.wasNull() ? null : v;
  }

  public Integer integer(String col) throws SQLException {
    int v = r.getInt(col);
    return r.wasNull() ? null : v;
  }

  public Boolean bool(String col) throws SQLException {
    boolean v = r.getBoolean(col);
    return r.wasNull() ? null : v;
  }

  /** TIMESTAMP columns hold UTC wall-clock time. */
  public Instant instant(String col) throws SQLException {
    // not getTimestamp: java.sql.Timestamp goes through the JVM's time zone (DST gaps shift it)
    java.time.LocalDateTime t = r.getObject(col, java.time.LocalDateTime.class);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  public List<String> strings(String col) throws SQLException {
    Array a = r.getArray(col);
    if (a == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object o : (Object[]) a.getArray()) {
      if (o != null) {
        out.add(String.valueOf(o));
      }
    }
    return out;
  }
}
