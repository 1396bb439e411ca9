package dev.dbtlens.graphql.internal.job;

import dev.dbtlens.graphql.internal.node.NodeRow;
import dev.dbtlens.graphql.internal.run.Criteria;
import dev.dbtlens.graphql.internal.run.FreshnessRun;
import dev.dbtlens.graphql.internal.run.RunRow;
import dev.dbtlens.graphql.internal.scalars.JsonText;
import graphql.schema.DataFetcher;
import java.util.Map;
import java.util.function.Function;

/** The freshness fields of the job-level {@code SourceNode}, over {@link JobItem#freshness()}. */
final class JobSourceFields {
  private JobSourceFields() {}

  /** Adds the fetchers to the job-level node types' {@code f}. */
  static void addTo(Map<String, DataFetcher<?>> f) {
    fresh(f, "maxLoadedAt", FreshnessRun::maxLoadedAt);
    fresh(f, "maxLoadedAtTimeAgoInS", FreshnessRun::maxLoadedAtTimeAgoInS);
    fresh(f, "snapshottedAt", FreshnessRun::snapshottedAt);
    fresh(f, "runElapsedTime", FreshnessRun::executionTime);
    f.put("freshnessChecked", env -> JobFields.item(env).freshness() != null);
    f.put("state", env -> {
      JobItem item = JobFields.item(env);
      if ("source".equals(item.resourceType())) {
        return item.freshness() == null ? "Unknown" : item.freshness().freshnessStatus();
      }
      return item.run() == null ? null : item.run().status();
    });
    f.put("criteria", env -> {
      JobItem item = JobFields.item(env);
      if (item.freshness() != null && item.freshness().criteria() != null) {
        return item.freshness().criteria();
      }
      Criteria defined = item.node() == null ? null : Criteria.ofDefinition(item.node().freshnessCriteria());
      return defined != null ? defined : Criteria.NONE;
    });
  }

  private static void fresh(Map<String, DataFetcher<?>> f, String field,
      Function<FreshnessRun, Object> read) {
    f.put(field, env -> JobFields.item(env).freshness() == null ? null
        : read.apply(JobFields.item(env).freshness()));
  }
}
