package dev.dbtlens;

import java.time.Instant;

/**
 * A source's freshness: its latest stored check ({@code dbt source freshness}), and its status
 * re-evaluated at the report's time from {@code maxLoadedAt} and the criteria, so a source that
 * went stale since the last check shows it.
 *
 * @param uniqueId the source, e.g. {@code source.shop.raw.orders}
 * @param lastStatus the latest check's status as stored, in dbt-core's lower case: {@code pass},
 *     {@code warn}, {@code error} or {@code runtime error}; null if never checked
 * @param maxLoadedAt the latest check's {@code max_loaded_at}, or null
 * @param snapshottedAt when the latest check queried the source ({@code snapshotted_at}), or null
 * @param checkedAt the {@code generated_at} of the sources.json holding the latest check, or null
 * @param invocationId the invocation of the latest check, or null
 * @param error the latest check's error message (for a {@code runtime error}), or null
 * @param criteria the latest check's criteria, else the source definition's {@code freshness};
 *     null if neither sets a threshold
 * @param ageSeconds seconds from {@code maxLoadedAt} to the report's time, or null
 * @param status the status at the report's time: {@code error}, {@code warn} or {@code pass} by
 *     the criteria; {@code pass} for a source with a load time but no criteria; {@code unknown}
 *     when never checked or the latest check has no {@code max_loaded_at}
 */
public record SourceFreshness(
    NodeId uniqueId,
    String lastStatus,
    Instant maxLoadedAt,
    Instant snapshottedAt,
    Instant checkedAt,
    String invocationId,
    String error,
    FreshnessCriteria criteria,
    Double ageSeconds,
    String status) {

  /** @return true if a freshness result for the source is stored (Discovery's {@code freshnessChecked}) */
  public boolean checked() {
    return lastStatus != null;
  }
}
