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
 * @param cachedRows how much of what executions read (pages, node relations, environments) is kept
 *     for the next executions until the database changes, counted in rows held (a node, a catalog
 *     column, an execution); 0 keeps nothing and every execution reads the database (see {@code
 *     docs/graphql.md}, "Speed and memory")
 */
public record Limits(int maxDepth, int maxComplexity, int maxPageSize, int cachedRows) {
  /**
   * The rows kept by default: about 100 MB of heap at most (half a kilobyte a row), enough for every
   * page of a 10,000-model project with its models' executions, parents and catalog columns.
   */
  public static final int DEFAULT_CACHED_ROWS = 200_000;

  /** Validates the limits. */
  public Limits {
    if (maxDepth < 1 || maxComplexity < 1 || maxPageSize < 1 || cachedRows < 0) {
      throw new IllegalArgumentException("limits must be positive: " + maxDepth + ", "
          + maxComplexity + ", " + maxPageSize + ", " + cachedRows);
    }
  }

  /**
   * Limits with the default cache ({@link #DEFAULT_CACHED_ROWS}).
   *
   * @param maxDepth the deepest field nesting allowed
   * @param maxComplexity the largest estimated cost allowed
   * @param maxPageSize the largest {@code first} a connection accepts
   */
  public Limits(int maxDepth, int maxComplexity, int maxPageSize) {
    this(maxDepth, maxComplexity, maxPageSize, DEFAULT_CACHED_ROWS);
  }

  /**
   * @param rows the rows to keep across executions (0: none)
   * @return these limits with that cache size
   */
  public Limits withCachedRows(int rows) {
    return new Limits(maxDepth, maxComplexity, maxPageSize, rows);
  }

  /**
   * @return depth 15, complexity 100,000, page size 500 (the Discovery API's page size): a page of
   *     500 models with a few fields, their execution, parents and catalog columns costs about
   *     26,500; with a dozen fields of each, about 52,000; a third level of nested lists is refused;
   *     {@link #DEFAULT_CACHED_ROWS} rows kept across executions
   */
  public static Limits defaults() {
    return new Limits(15, 100_000, 500);
  }
}
