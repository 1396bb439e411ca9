package dev.dbtlens;

/** The root of every exception dbtlens throws. Unchecked: callers catch the subtypes they can act on. */
public class DbtLensException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what went wrong, with the context a user needs to fix it */
  public DbtLensException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, with the context a user needs to fix it
   * @param cause the underlying failure
   */
  public DbtLensException(String message, Throwable cause) {
    super(message, cause);
  }
}
