package dev.dbtlens;

import java.util.List;

/**
 * An invocation given by id or id prefix (the state of {@code state:}, {@code result:} and {@code
 * source_status:}, or the "as of" of a lineage) that is not in the environment, that a prefix names
 * ambiguously, or that lacks the artifact the selection needs. The message names the candidates.
 */
public class InvocationNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;
  private final List<String> candidates;

  /**
   * @param message what is wrong, with the candidates
   * @param candidates the invocation ids that would do (matches of an ambiguous prefix, or the
   *     environment's latest invocations with the needed artifact); may be empty
   */
  public InvocationNotFoundException(String message, List<String> candidates) {
    super(message);
    this.candidates = List.copyOf(candidates);
  }

  /** @return the invocation ids that would do, newest last for the latest ones, sorted for a prefix */
  public List<String> candidates() {
    return candidates;
  }
}
