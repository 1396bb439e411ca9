package dev.dbtlens.graphql.internal.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A constant SQL text with {@code :name} parameters, turned once into JDBC's {@code ?} form. The
 * text never changes with the input: values are only ever bound.
 *
 * @param jdbc the SQL with {@code ?} placeholders
 * @param names the parameter name of each placeholder, in order
 */
public record NamedSql(String jdbc, List<String> names) {
  public NamedSql {
    names = List.copyOf(names);
  }

  /** @return the statement, its {@code :name}s (letters, digits, underscores) replaced */
  public static NamedSql of(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    List<String> names = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'') {
        int end = sql.indexOf('\'', i + 1);
        end = end < 0 ? sql.length() - 1 : end;
        out.append(sql, i, end + 1);
        i = end + 1;
      } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
        out.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < sql.length() && Character.isLetter(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
          end++;
        }
        names.add(sql.substring(i + 1, end));
        out.append('?');
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return new NamedSql(out.toString(), names);
  }

  /**
   * @param params a value for every name (null values allowed)
   * @return the values in placeholder order
   * @throws IllegalArgumentException if a name has no entry
   */
  List<Object> values(Map<String, ?> params) {
    List<Object> out = new ArrayList<>(names.size());
    for (String n : names) {
      if (!params.containsKey(n)) {
        throw new IllegalArgumentException("no value for SQL parameter :" + n);
      }
      out.add(params.get(n));
    }
    return out;
  }
}
