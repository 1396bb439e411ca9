package dev.dbtlens.graphql.internal.execution;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What executions read from the database, kept across the executions of one schema until the
 * database changes: pages of nodes, each node's relations (execution, catalog, parents, ...) and the
 * per-execution {@link Request.Memo memos}. Every entry belongs to one revision of the database
 * ({@code DbtLens.revision()}); the first use after the revision moved empties the cache, and a
 * value read by an execution that started before a change is never stored. Least recently used
 * entries go first once the entries' weights (the rows they hold: nodes, catalog columns) pass the limit.
 *
 * <p>Values are immutable (records and unmodifiable or never-modified lists), shared by the
 * executions that read them. Thread-safe.
 */
public final class ReadCache {
  private final LongSupplier revision;
  private final long maxWeight;
  private final LinkedHashMap<Object, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long revisionHeld = Long.MIN_VALUE;
  private long weight;
  private long hits;
  private long misses;

  private record Entry(Object value, int weight) {}

  /**
   * @param revision the database's revision, read on every use (cheap: a counter)
   * @param maxWeight the weight held at most; 0 keeps nothing
   */
  public ReadCache(LongSupplier revision, long maxWeight) {
    this.revision = revision;
    this.maxWeight = maxWeight;
  }

  /** @return the database's revision now: pass it back to {@link #put} with what was read */
  public long revision() {
    return revision.getAsLong();
  }

  /**
   * @param key the key: a record or list of the reader's name and everything the value depends on
   * @return the value kept for it at the current revision, or null
   */
  public synchronized Object get(Object key) {
    if (maxWeight == 0) {
      return null;
    }
    align();
    Entry e = entries.get(key);
    if (e == null) {
      misses++;
      return null;
    }
    hits++;
    return e.value();
  }

  /**
   * Keeps a value read at {@code readAt} (the {@link #revision()} taken before reading), unless the
   * database changed since.
   *
   * @param weight about how many rows the value holds (at least 1)
   */
  public synchronized void put(Object key, Object value, int weight, long readAt) {
    if (maxWeight == 0 || value == null || weight > maxWeight) {
      return;
    }
    align();
    if (readAt != revisionHeld) {
      return;
    }
    Entry old = entries.put(key, new Entry(value, Math.max(1, weight)));
    this.weight += Math.max(1, weight) - (old == null ? 0 : old.weight());
    Iterator<Map.Entry<Object, Entry>> eldest = entries.entrySet().iterator();
    while (this.weight > maxWeight && eldest.hasNext()) {
      this.weight -= eldest.next().getValue().weight();
      eldest.remove();
    }
  }

  /** @return a value's weight when it says nothing else: a collection's size plus one, else 1 */
  public static int weightOf(Object value) {
    return value instanceof java.util.Collection<?> c ? c.size() + 1 : 1;
  }

  private void align() {
    long now = revision.getAsLong();
    if (now != revisionHeld) {
      entries.clear();
      weight = 0;
      revisionHeld = now;
    }
  }

  /** @return {hits, misses, entries, weight} since created: for tests and logs */
  public synchronized long[] stats() {
    return new long[] {hits, misses, entries.size(), weight};
  }
}
