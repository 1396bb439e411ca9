package dev.dbtlens.internal.select;

import dev.dbtlens.IndirectSelection;
import dev.dbtlens.SelectorSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A parsed selection: criteria combined by union, intersection and difference. */
sealed interface SelectorExpr permits Criterion, SelectorExpr.Union, SelectorExpr.Intersection,
    SelectorExpr.Difference, SelectorExpr.Checked {

  /** Any of the parts; tests waiting on parents from several parts join as {@code indirect} says. */
  record Union(List<SelectorExpr> parts, IndirectSelection indirect) implements SelectorExpr {}

  /** All of the parts. */
  record Intersection(List<SelectorExpr> parts, IndirectSelection indirect) implements SelectorExpr {}

  /** What {@code include} selects that {@code exclude} does not. */
  record Difference(SelectorExpr include, SelectorExpr exclude, IndirectSelection indirect)
      implements SelectorExpr {}

  /**
   * One space-separated part of a {@code --select} value: dbt warns when it selects nothing
   * ({@code expect_exists} in dbt-core's parse_union).
   *
   * @param raw the part as written, for the warning
   */
  record Checked(SelectorExpr part, String raw) implements SelectorExpr {}

  /**
   * Parses CLI syntax: space-separated parts are a union, comma-separated criteria an intersection.
   *
   * @param expectExists wrap each space-separated part in {@link Checked} (selections, not exclusions)
   */
  static SelectorExpr parseCli(String expression, IndirectSelection indirect, boolean expectExists) {
    Map<String, SelectorExpr> cache = Parsed.CACHE;
    if (cache.size() > Parsed.MAX) {
      cache.clear();
    }
    return cache.computeIfAbsent(indirect.name() + (expectExists ? "\u0001" : "\u0000") + expression,
        k -> parse(expression, indirect, expectExists));
  }

  /** Parsed CLI expressions, by mode and text: the parse trees are immutable and often repeated. */
  final class Parsed {
    static final int MAX = 4096;
    static final Map<String, SelectorExpr> CACHE = new ConcurrentHashMap<>();

    private Parsed() {}
  }

  private static SelectorExpr parse(String expression, IndirectSelection indirect, boolean expectExists) {
    List<SelectorExpr> union = new ArrayList<>();
    int i = 0;
    int n = expression.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(expression.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(expression.charAt(i))) {
        i++;
      }
      if (i > start) {
        String token = expression.substring(start, i);
        SelectorExpr part = intersection(expression, token, start, indirect);
        union.add(expectExists ? new Checked(part, token) : part);
      }
    }
    if (union.isEmpty()) {
      throw new SelectorSyntaxException(expression, 0, "Empty selection expression");
    }
    return union.size() == 1 ? union.get(0) : new Union(List.copyOf(union), indirect);
  }

  private static SelectorExpr intersection(String expression, String token, int offset, IndirectSelection indirect) {
    List<SelectorExpr> parts = new ArrayList<>();
    int start = 0;
    for (int comma = token.indexOf(','); ; comma = token.indexOf(',', start)) {
      int end = comma < 0 ? token.length() : comma;
      if (end == start) {
        throw new SelectorSyntaxException(expression, offset + start,
            "Empty criterion in intersection '" + Texts.cut(token) + "'");
      }
      parts.add(Criterion.parse(expression, token.substring(start, end), offset + start, indirect));
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
    return parts.size() == 1 ? parts.get(0) : new Intersection(List.copyOf(parts), indirect);
  }
}
