package dev.dbtlens;

import java.sql.SQLException;

/** DuckDB failed: the message names the table or statement involved; the cause is the driver's. */
public class StorageException extends DbtLensException {
  private static final long serialVersionUID = 1L;

  /**
   * @param what what dbtlens was doing, naming the table (e.g. {@code appending to run_result})
   * @param cause the driver's exception
   */
  public StorageException(String what, SQLException cause) {
    super(what + ": " + cause.getMessage(), cause);
  }

  /**
   * @param message the whole message
   * @param cause the driver's exception
   * @param unused distinguishes this constructor, for subtypes that word the message themselves
   */
  StorageException(String message, SQLException cause, boolean unused) {
    super(message, cause);
  }
}
