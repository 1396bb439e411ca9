package dev.dbtlens.internal.search;

import dev.dbtlens.SearchQuery;
import dev.dbtlens.SearchResults;
import dev.dbtlens.StorageException;
import dev.dbtlens.internal.store.Environments;
import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.internal.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The search indexes of one database, one per environment, in memory. An index is built on the
 * first search of its environment and kept while the environment's current manifest snapshot
 * ({@code store.current_manifest.snapshot_id}, one row read per search) stays the same: an ingest
 * that changes the manifest, through this instance or any other process, makes the next search
 * rebuild it; an ingest of unchanged content keeps it.
 */
public final class SearchIndexes implements AutoCloseable {
  private final Store store;
  private final Map<String, SearchIndex> cache = new ConcurrentHashMap<>();

  /** @param store the database */
  public SearchIndexes(Store store) {
    this.store = store;
  }

  /**
   * @param environment an environment
   * @param query the query
   * @param offset hits to skip
   * @param limit hits to return at most
   * @return a page of hits; empty if the environment has no manifest
   * @throws dev.dbtlens.NotFoundException if the database has no such environment
   */
  public SearchResults search(String environment, SearchQuery query, int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative");
    }
    SearchIndex index = index(environment);
    return index == null ? new SearchResults(0, offset, List.of())
        : index.search(query, offset, limit);
  }

  /** @return how many indexes are built (for tests of staleness) */
  public int builds() {
    return builds;
  }

  private volatile int builds;

  private SearchIndex index(String environment) {
    try (Connection c = store.duplicate()) {
      String snapshot = Sql.first(c,
          "SELECT snapshot_id FROM store.current_manifest WHERE environment = ?", environment);
      if (snapshot == null) {
        Environments.require(store, environment);
        return null;
      }
      SearchIndex cached = cache.get(environment);
      if (cached != null && cached.snapshotId().equals(snapshot)) {
        return cached;
      }
      synchronized (this) {
        cached = cache.get(environment);
        if (cached != null && cached.snapshotId().equals(snapshot)) {
          return cached;
        }
        SearchIndex built = SearchIndex.build(c, environment, snapshot);
        builds++;
        cache.put(environment, built);
        // an older index may still serve a search running in another thread: leave it to the GC
        return built;
      }
    } catch (SQLException e) {
      throw new StorageException("reading the current manifest of '" + environment + "'", e);
    }
  }

  /** Drops every index. */
  @Override
  public void close() {
    cache.clear();
  }
}
