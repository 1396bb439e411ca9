package dev.dbtlens.internal.freshness;

import dev.dbtlens.internal.select.LineageAccess;
import dev.dbtlens.internal.store.Environments;
import dev.dbtlens.internal.store.Store;
import dev.dbtlens.FreshnessCriteria;
import dev.dbtlens.FreshnessReport;
import dev.dbtlens.ModelFreshness;
import dev.dbtlens.NodeId;
import dev.dbtlens.NotFoundException;
import dev.dbtlens.SourceFreshness;
import dev.dbtlens.UpstreamFreshness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Source, model and upstream freshness of an environment at a given time (docs/freshness.md). The
 * latest manifest decides which nodes are reported; without one, the stored results do.
 */
public final class FreshnessAnalysis {
  private final Store store;
  private final LineageAccess lineage;

  /**
   * @param store the database
   * @param lineage the lineage graphs, for upstream freshness
   */
  public FreshnessAnalysis(Store store, LineageAccess lineage) {
    this.store = Objects.requireNonNull(store, "store");
    this.lineage = Objects.requireNonNull(lineage, "lineage");
  }

  /**
   * @param environment an environment
   * @param at the time to evaluate ages and statuses at
   * @return the environment's freshness at that time
   * @throws NotFoundException if the database has no such environment
   */
  public FreshnessReport report(String environment, Instant at) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(at, "at");
    try (FreshnessData data = new FreshnessData(store, environment)) {
      if (!data.environmentExists()) {
        throw Environments.notFound(environment, Environments.names(store));
      }
      boolean manifest = data.hasManifest();
      List<SourceFreshness> sources = sources(data, manifest, at);
      List<ModelFreshness> models = models(data, manifest, at);
      List<UpstreamFreshness> upstream = manifest ? upstream(environment, sources, models, at) : List.of();
      return new FreshnessReport(environment, at, sources, models, upstream);
    }
  }

  private static List<SourceFreshness> sources(FreshnessData data, boolean manifest, Instant at) {
    Map<String, FreshnessData.Check> checks = data.latestChecks();
    Map<String, FreshnessCriteria> declared = new TreeMap<>();
    if (manifest) {
      data.sources().forEach(d -> declared.put(d.uniqueId(), d.criteria()));
    } else {
      checks.keySet().forEach(id -> declared.put(id, null));
    }
    List<SourceFreshness> out = new ArrayList<>(declared.size());
    declared.forEach((id, criteria) -> out.add(source(id, checks.get(id), criteria, at)));
    return out;
  }

  private static SourceFreshness source(String id, FreshnessData.Check check, FreshnessCriteria declared,
      Instant at) {
    if (check == null) {
      return new SourceFreshness(NodeId.of(id), null, null, null, null, null, null, declared, null, "unknown");
    }
    FreshnessCriteria criteria = check.criteria() != null ? check.criteria() : declared;
    Duration age = age(check.maxLoadedAt(), at);
    return new SourceFreshness(NodeId.of(id), check.status(), check.maxLoadedAt(), check.snapshottedAt(),
        check.generatedAt(), check.invocationId(), check.error(), criteria, seconds(age),
        status(criteria, age));
  }

  /** Criteria decide when set; without criteria a source with a load time passes. */
  private static String status(FreshnessCriteria criteria, Duration age) {
    if (age == null) {
      return "unknown";
    }
    return criteria == null ? "pass" : criteria.status(age);
  }

  private static List<ModelFreshness> models(FreshnessData data, boolean manifest, Instant at) {
    Map<String, FreshnessData.Runs> runs = data.runs();
    Map<String, FreshnessData.Definition> nodes = new TreeMap<>();
    if (manifest) {
      data.built().forEach(d -> nodes.put(d.uniqueId(), d));
    } else {
      runs.values().forEach(r -> nodes.put(r.uniqueId(), new FreshnessData.Definition(r.uniqueId(),
          r.resourceType(), null)));
    }
    List<ModelFreshness> out = new ArrayList<>(nodes.size());
    for (FreshnessData.Definition d : nodes.values()) {
      FreshnessData.Runs r = runs.get(d.uniqueId());
      ModelFreshness.Run attempt = r == null ? null : r.attempt();
      ModelFreshness.Run success = r == null ? null : r.success();
      Duration age = success == null ? null : age(success.completedAt(), at);
      String sla = d.criteria() == null ? null : d.criteria().status(age);
      out.add(new ModelFreshness(NodeId.of(d.uniqueId()), d.resourceType(), attempt, success, seconds(age),
          d.criteria(), sla));
    }
    return out;
  }

  private List<UpstreamFreshness> upstream(String environment, List<SourceFreshness> sources,
      List<ModelFreshness> models, Instant at) {
    Map<String, Instant> loads = new HashMap<>();
    for (SourceFreshness s : sources) {
      if (s.maxLoadedAt() != null) {
        loads.put(s.uniqueId().value(), s.maxLoadedAt());
      }
    }
    Map<String, Instant> builds = new HashMap<>();
    for (ModelFreshness m : models) {
      if (m.lastSuccess() != null) {
        builds.put(m.uniqueId().value(), m.lastSuccess().completedAt());
      }
    }
    return new FreshnessUpstream(lineage.graph(environment, null)).compute(loads, builds, at);
  }

  private static Duration age(Instant since, Instant at) {
    return since == null ? null : Duration.between(since, at);
  }

  private static Double seconds(Duration age) {
    return age == null ? null : age.getSeconds() + age.getNano() / 1e9;
  }

  /** @return seconds from {@code since} to {@code at}, or null if {@code since} is null */
  static Double seconds(Instant since, Instant at) {
    return seconds(age(since, at));
  }
}
