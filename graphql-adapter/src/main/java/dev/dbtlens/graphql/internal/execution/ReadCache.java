package dev.dbtlens.graphql.internal.execution;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.function.LongSupplier;

/**
 * What executions read from the database, kept across the executions of one schema until the
 * database changes: pages of nodes, each node's relations (execution, catalog, parents, ...) and the
 * per-execution {@link Request.Memo memos}. Every entry belongs to one revision of the database
 * ({@code DbtLens.revision()}); the first use after the revision moved empties the cache, and a
 * value read by an execution that started before a change is never stored.
 *
 * <p>The entries live in a Caffeine cache bounded by weight (the rows a value holds: nodes, catalog
 * columns). Its eviction (Window TinyLFU) keeps what is read often: a walk over more pages than the
 * bound holds keeps part of them instead of evicting each page just before it is asked again, as
 * least-recently-used eviction would.
 *
 * <p>Values are immutable (records and unmodifiable or never-modified lists), shared by the
 * executions that read them. Thread-safe.
 */
public final class ReadCache {
  private final LongSupplier revision;
  private final Cache<Object, Object> entries;
  private long revisionHeld = Long.MIN_VALUE;

  /** A value and its weight. */
  private record Entry(Object value, int weight) {}

  /**
   * @param revision the database's revision, read on every use (cheap: a counter)
   * @param maxWeight the weight held at most; 0 keeps nothing
   */
  public ReadCache(LongSupplier revision, long maxWeight) {
    this.revision = revision;
    this.entries = maxWeight == 0 ? null : Caffeine.newBuilder()
        .maximumWeight(maxWeight)
        .weigher((Object key, Object value) -> ((Entry) value).weight())
        .executor(Runnable::run)
        .build();
  }

  /** @return the database's revision now: pass it back to {@link #put} with what was read */
  public long revision() {
    return revision.getAsLong();
  }

  /**
   * @param key the key: a record or list of the reader's name and everything the value depends on
   * @return the value kept for it at the current revision, or null
   */
  public Object get(Object key) {
    if (entries == null) {
      return null;
    }
    align();
    Object e = entries.getIfPresent(key);
    return e == null ? null : ((Entry) e).value();
  }

  /**
   * Keeps a value read at {@code readAt} (the {@link #revision()} taken before reading), unless the
   * database changed since.
   *
   * @param weight about how many rows the value holds (at least 1)
   */
  public void put(Object key, Object value, int weight, long readAt) {
    if (entries == null || value == null) {
      return;
    }
    synchronized (this) {
      align();
      if (readAt == revisionHeld) {
        entries.put(key, new Entry(value, Math.max(1, weight)));
      }
    }
  }

  /** @return a value's weight when it says nothing else: a collection's size plus one, else 1 */
  public static int weightOf(Object value) {
    return value instanceof Collection<?> c ? c.size() + 1 : 1;
  }

  private synchronized void align() {
    long now = revision.getAsLong();
    if (now != revisionHeld) {
      entries.invalidateAll();
      revisionHeld = now;
    }
  }
}
