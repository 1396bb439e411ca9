package dev.dbtlens.internal.select;

import dev.dbtlens.IndirectSelection;
import dev.dbtlens.SelectorSyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One selection criterion, {@code [@][N+][method[.arg]:]value[+M]}, as dbt-core parses it.
 *
 * @param method the method name, e.g. {@code config}
 * @param args the method's dotted arguments, e.g. {@code [materialized]}
 * @param value what to match
 * @param parents include ancestors
 * @param parentsDepth generations of ancestors; negative for all
 * @param children include descendants
 * @param childrenDepth generations of descendants; negative for all
 * @param childrensParents {@code @}: descendants and all their ancestors
 * @param indirect how tests follow, null for the enclosing default
 * @param expression the expression it was read from, for error messages
 * @param valueAt where its value starts in that expression
 */
record Criterion(
    String method,
    List<String> args,
    String value,
    boolean parents,
    int parentsDepth,
    boolean children,
    int childrenDepth,
    boolean childrensParents,
    IndirectSelection indirect,
    String expression,
    int valueAt) implements SelectorExpr {

  static final Set<String> METHODS = Set.of("fqn", "tag", "group", "access", "source", "exposure",
      "metric", "semantic_model", "saved_query", "unit_test", "path", "file", "package", "config",
      "resource_type", "test_name", "test_type", "version", "selector", "state", "result",
      "source_status");

  private static final Pattern SPEC = Pattern.compile(
      "\\A(?<at>@)?(?<parents>(?<pdepth>\\d*)\\+)?((?<method>[\\w.]+):)?(?<value>.*?)(?<children>\\+(?<cdepth>\\d*))?\\z");

  /**
   * @param expression the whole expression, for error messages
   * @param spec one criterion of it
   * @param offset where the criterion starts in the expression
   */
  static Criterion parse(String expression, String spec, int offset, IndirectSelection indirect) {
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) {
      throw new SelectorSyntaxException(expression, offset, "Malformed selection criterion '" + Texts.cut(spec) + "'");
    }
    boolean at = m.group("at") != null;
    boolean parents = m.group("parents") != null;
    if (at && parents) {
      throw new SelectorSyntaxException(expression, offset,
          "'@' and 'N+' cannot be combined: '@' already includes the ancestors of all descendants");
    }
    String value = m.group("value");
    int valueAt = offset + m.start("value");
    if (value.isEmpty()) {
      throw new SelectorSyntaxException(expression, valueAt, "Missing value in criterion '" + Texts.cut(spec) + "'");
    }
    int plus = value.indexOf('+');
    if (plus >= 0) {
      throw new SelectorSyntaxException(expression, valueAt + plus, "Unexpected '+' in '" + Texts.cut(value)
          + "': a depth is digits right before or after '+' (e.g. 2+orders+3)");
    }
    String methodText = m.group("method");
    String method;
    List<String> args;
    if (methodText == null) {
      method = defaultMethod(value);
      args = List.of();
    } else {
      String[] parts = methodText.split("\\.");
      method = parts[0];
      args = List.of(parts).subList(1, parts.length);
      if (!METHODS.contains(method)) {
        List<String> known = METHODS.stream().sorted().toList();
        throw new SelectorSyntaxException(expression, offset + m.start("method"), "Unknown selection method '"
            + Texts.cut(method) + "'" + Texts.suggestion(method, known) + " (known: " + String.join(", ", known) + ")");
      }
    }
    int parentsDepth = depth(m.group("pdepth"), expression, offset + m.start("parents"));
    int childrenDepth = depth(m.group("cdepth"), expression, offset + m.start("children") + 1);
    return new Criterion(method, args, value, parents, parentsDepth, m.group("children") != null,
        childrenDepth, at, indirect, expression, valueAt);
  }

  /** @return the problem as an exception pointing at this criterion's value */
  SelectorSyntaxException invalid(String problem) {
    return new SelectorSyntaxException(expression, valueAt, problem);
  }

  /** @return the problem as an exception pointing at this criterion's method argument {@code arg} (0-based) */
  SelectorSyntaxException invalidArgument(int arg, String problem) {
    int at = valueAt - 1; // the ':' before the value
    for (int i = args.size() - 1; i >= arg; i--) {
      at -= args.get(i).length() + 1;
    }
    return new SelectorSyntaxException(expression, Math.max(0, at + 1), problem);
  }

  private static int depth(String digits, String expression, int at) {
    if (digits == null || digits.isEmpty()) {
      return -1;
    }
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException tooLarge) {
      throw new SelectorSyntaxException(expression, at, "Depth " + Texts.cut(digits) + " is too large (at most "
          + Integer.MAX_VALUE + "; leave it out for all generations)");
    }
  }

  /** dbt's inference: a path if it has a separator, a file for .sql/.py/.csv, else fqn. */
  static String defaultMethod(String value) {
    if (value.contains("/") || value.contains("\\")) {
      return "path";
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".sql") || lower.endsWith(".py") || lower.endsWith(".csv")) {
      return "file";
    }
    return "fqn";
  }
}
