package dev.dbtlens;

/**
 * A selection dbtlens cannot read: an unknown method, config key or YAML selector, a bad depth, a
 * malformed criterion, an invalid value. The message states the problem, then shows the expression
 * (a window of about 120 characters around the problem when it is longer) with a caret under the
 * offending token; {@link #problem()}, {@link #expression()} and {@link #position()} give the parts,
 * e.g. for a GraphQL error's message and extensions.
 */
public class SelectorSyntaxException extends DbtLensException {
  private static final long serialVersionUID = 1L;
  /** Characters shown on each side of the position in the message. */
  private static final int WINDOW = 60;
  private final String expression;
  private final int position;
  private final String problem;

  /**
   * @param expression the whole expression
   * @param position index of the offending token in it
   * @param problem what is wrong
   */
  public SelectorSyntaxException(String expression, int position, String problem) {
    super(problem + "\n" + pointer(expression == null ? "" : expression, position));
    this.expression = expression;
    this.position = position;
    this.problem = problem;
  }

  /** @return the expression, whole */
  public String expression() {
    return expression;
  }

  /** @return where in it the problem is (0-based) */
  public int position() {
    return position;
  }

  /** @return what is wrong, without the expression and caret */
  public String problem() {
    return problem;
  }

  /** Two lines: the expression (cut to a window around the position) and a caret under the position. */
  private static String pointer(String expression, int position) {
    int at = Math.max(0, Math.min(position, expression.length()));
    int from = Math.max(0, at - WINDOW);
    int to = Math.min(expression.length(), at + WINDOW);
    String before = from > 0 ? "..." : "";
    String after = to < expression.length() ? "..." : "";
    String shown = expression.substring(from, to).replaceAll("\\s", " ");
    return "  " + before + shown + after + "\n  " + " ".repeat(before.length() + at - from) + "^";
  }
}
