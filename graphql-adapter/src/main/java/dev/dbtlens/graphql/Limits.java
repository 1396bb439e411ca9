package dev.dbtlens.graphql;

/**
 * Limits applied to every query; exceeding one gives a GraphQL error, never an exception.
 *
 * @param maxDepth the deepest field nesting allowed (the operation's top fields are depth 1)
 * @param maxComplexity the largest estimated cost allowed: every field costs 1 plus its children;
 *     a connection's children count {@code first} times (the page size when {@code first} is not
 *     given), other lists' children 10 times, {@code lineage}'s 100 times
 * @param maxPageSize the largest {@code first} a connection accepts; also the page size when
 *     {@code first} is not given
 */
public record Limits(int maxDepth, int maxComplexity, int maxPageSize) {
  /** Validates the limits. */
  public Limits {
    if (maxDepth < 1 || maxComplexity < 1 || maxPageSize < 1) {
      throw new IllegalArgumentException("limits must be positive: " + maxDepth + ", "
          + maxComplexity + ", " + maxPageSize);
    }
  }

  /**
   * @return depth 15, complexity 100,000, page size 500 (the Discovery API's page size): a page of
   *     500 models with a few fields, their execution, parents and catalog columns costs about
   *     26,500; with a dozen fields of each, about 52,000; a third level of nested lists is refused
   */
  public static Limits defaults() {
    return new Limits(15, 100_000, 500);
  }
}
