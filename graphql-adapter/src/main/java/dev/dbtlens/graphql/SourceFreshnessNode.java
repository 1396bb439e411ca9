package dev.dbtlens.graphql;

import java.time.Instant;

/** A source's latest freshness check: the GraphQL {@code SourceFreshnessNode}. */
record SourceFreshnessNode(
    String environment,
    String freshnessStatus,
    boolean freshnessChecked,
    Instant maxLoadedAt,
    Double maxLoadedAtTimeAgoInS,
    Instant snapshottedAt,
    String freshnessRunId,
    Instant freshnessRunGeneratedAt,
    String freshnessJobDefinitionId,
    String error,
    Criteria criteria) {

  /**
   * @param source the source
   * @param latest its latest check, or null if never checked
   */
  static SourceFreshnessNode of(NodeRow source, FreshnessRun latest) {
    Criteria fromDefinition = Criteria.ofDefinition(source.freshnessCriteria());
    Criteria defined = fromDefinition == null ? Criteria.NONE : fromDefinition;
    if (latest == null) {
      return new SourceFreshnessNode(source.environmentId(), "Unknown", false, null, null, null, null, null, null, null,
          defined);
    }
    return new SourceFreshnessNode(source.environmentId(), latest.freshnessStatus(), true, latest.maxLoadedAt(),
        latest.maxLoadedAtTimeAgoInS(), latest.snapshottedAt(), latest.runId(),
        latest.runGeneratedAt(), latest.jobId(), latest.error(),
        latest.criteria() != null ? latest.criteria() : defined);
  }
}
