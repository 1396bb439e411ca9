package dev.dbtlens;

/** A node, invocation or environment that is not in the database. */
public class NotFoundException extends DbtLensException {
  private static final long serialVersionUID = 1L;

  /** @param message e.g. {@code Node 'model.shop.orders' not found in environment 'prod'.} */
  public NotFoundException(String message) {
    super(message);
  }
}
