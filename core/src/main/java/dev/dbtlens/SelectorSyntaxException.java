package dev.dbtlens;

/**
 * A selection expression dbtlens cannot read: an unknown method, a bad depth, a malformed
 * criterion. The message quotes the expression and points at the offending token.
 */
public class SelectorSyntaxException extends DbtLensException {
  private static final long serialVersionUID = 1L;
  private final String expression;
  private final int position;

  /**
   * @param expression the whole expression
   * @param position index of the offending token in it
   * @param problem what is wrong
   */
  public SelectorSyntaxException(String expression, int position, String problem) {
    super(problem + "\n  " + expression + "\n  " + " ".repeat(Math.max(0, position)) + "^");
    this.expression = expression;
    this.position = position;
  }

  /** @return the expression */
  public String expression() {
    return expression;
  }

  /** @return where in it the problem is */
  public int position() {
    return position;
  }
}
