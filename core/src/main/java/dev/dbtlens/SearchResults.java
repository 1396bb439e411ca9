package dev.dbtlens;

import java.util.List;

/**
 * A page of search hits.
 *
 * @param totalCount how many nodes match in all
 * @param offset the position of the first hit of this page among all matches
 * @param hits this page, best first (ties by unique id)
 */
public record SearchResults(int totalCount, int offset, List<SearchHit> hits) {
  /** Copies the hits. */
  public SearchResults {
    hits = List.copyOf(hits);
  }

  /** @return whether matches follow this page */
  public boolean hasNextPage() {
    return offset + hits.size() < totalCount;
  }
}
