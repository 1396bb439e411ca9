package dev.dbtlens.graphql.internal.execution;

import dev.dbtlens.DbtLens;
import dev.dbtlens.Lineage;
import dev.dbtlens.graphql.Limits;
import graphql.schema.DataFetchingEnvironment;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The state of one execution, kept in its GraphQL context: the database access (one connection),
 * the limits, the lineage graphs used so far and the values other code reads once per execution
 * ({@link Memo}). Made new for every execution, never shared.
 */
public final class Request implements AutoCloseable {
  private final DbtLens lens;
  private final Db db;
  private final Limits limits;
  private final ReadCache cache;
  private final long readAt;
  private final Map<String, Lineage> lineages = new HashMap<>();
  private final Map<Memo<?>, Object> memos = new HashMap<>();
  private int nodeColumns = NodeColumnUse.ALL;

  /**
   * A value read at most once per execution, when first asked for (every environment, the ids of
   * every run): a constant of the class that reads it, used as the key of {@link #memo(Memo)}.
   */
  public static final class Memo<T> {
    private final Function<Request, T> read;

    public Memo(Function<Request, T> read) {
      this.read = read;
    }
  }

  /**
   * @param cache what earlier executions read, kept until the database changes
   */
  public Request(DbtLens lens, ConnectionSource connections, Limits limits, ReadCache cache) {
    this.lens = lens;
    this.db = new Db(connections);
    this.limits = limits;
    this.cache = cache;
    this.readAt = cache.revision();
  }

  public static Request of(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(Request.class);
  }

  /** @return the library the execution reads (for capabilities core computes: recommendations, search, column lineage) */
  public DbtLens lens() {
    return lens;
  }

  public Db db() {
    return db;
  }

  public Limits limits() {
    return limits;
  }

  /**
   * @param environment an environment
   * @return the lineage of its latest manifest (built by core once and cached there)
   * @throws dev.dbtlens.NotFoundException if it has no manifest
   */
  public Lineage lineage(String environment) {
    return lineages.computeIfAbsent(environment, lens::lineage);
  }

  /**
   * @return the memo's value, read on first use and kept until the execution ends, and across
   *     executions until the database changes ({@link ReadCache})
   */
  public <T> T memo(Memo<T> memo) {
    Object value = memos.get(memo);
    if (value == null) {
      value = cache.get(memo);
      if (value == null) {
        value = memo.read.apply(this);
        cache.put(memo, value, ReadCache.weightOf(value), readAt);
      }
      memos.put(memo, value);
    }
    @SuppressWarnings("unchecked")
    T typed = (T) value;
    return typed;
  }

  /** @return what executions read, kept across them until the database changes */
  public ReadCache cache() {
    return cache;
  }

  /** @return the database's revision when the execution started: what it reads belongs to it */
  public long readAt() {
    return readAt;
  }

  /** @return the node's large columns the operation reads: {@link NodeColumnUse} bits */
  public int nodeColumns() {
    return nodeColumns;
  }

  void nodeColumns(int asked) {
    this.nodeColumns = asked;
  }

  @Override
  public void close() {
    db.close();
  }
}
