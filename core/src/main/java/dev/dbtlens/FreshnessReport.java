package dev.dbtlens;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Freshness of one environment evaluated at one time: sources, built nodes and the upstream data
 * of every model and exposure. See {@code docs/freshness.md}.
 *
 * @param environment the environment
 * @param at the time ages and statuses are evaluated at
 * @param sources every source of the latest manifest (without a manifest: every source with a
 *     stored check), sorted by unique id
 * @param models every model, seed and snapshot of the latest manifest (without a manifest: every
 *     one with a stored run result), sorted by unique id
 * @param upstream every model, snapshot and exposure of the latest manifest, sorted by unique id;
 *     empty without a manifest
 */
public record FreshnessReport(
    String environment,
    Instant at,
    List<SourceFreshness> sources,
    List<ModelFreshness> models,
    List<UpstreamFreshness> upstream) {

  /** Copies the lists. */
  public FreshnessReport {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(at, "at");
    sources = List.copyOf(sources);
    models = List.copyOf(models);
    upstream = List.copyOf(upstream);
  }

  /**
   * @param uniqueId a source's unique id
   * @return its freshness, if the report has it
   */
  public Optional<SourceFreshness> source(String uniqueId) {
    return sources.stream().filter(s -> s.uniqueId().value().equals(uniqueId)).findFirst();
  }

  /**
   * @param uniqueId a model's, seed's or snapshot's unique id
   * @return its freshness, if the report has it
   */
  public Optional<ModelFreshness> model(String uniqueId) {
    return models.stream().filter(m -> m.uniqueId().value().equals(uniqueId)).findFirst();
  }

  /**
   * @param uniqueId a model's, snapshot's or exposure's unique id
   * @return the freshness of its upstream data, if the report has it
   */
  public Optional<UpstreamFreshness> upstream(String uniqueId) {
    return upstream.stream().filter(u -> u.uniqueId().value().equals(uniqueId)).findFirst();
  }
}
