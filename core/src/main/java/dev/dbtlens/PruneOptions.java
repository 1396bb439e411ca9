package dev.dbtlens;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link DbtLens#prune(PruneOptions)} keeps: the invocations of the last {@code keepDays} days,
 * or the last {@code keepRuns} invocations, of one environment or of each. The invocations an
 * environment's current state draws on are always kept, so that its nodes, lineage, compiled code
 * and catalog answer as before: the one holding the current manifest, those whose catalogs give the
 * current catalog entries, and the latest earlier manifest giving compiled code the current one lacks.
 *
 * @param environment the environment to prune, or null for every environment
 * @param keepDays keep invocations generated less than this many days before {@code now}; null
 *     when {@code keepRuns} is given
 * @param keepRuns keep this many of the latest invocations of each environment (by {@code
 *     generated_at}); null when {@code keepDays} is given
 * @param dryRun work out and report what would be removed, change nothing
 * @param now the time {@code keepDays} counts back from
 */
public record PruneOptions(String environment, Integer keepDays, Integer keepRuns, boolean dryRun,
    Instant now) {
  /** Checks that exactly one of {@code keepDays} and {@code keepRuns} is given, and not negative. */
  public PruneOptions {
    Objects.requireNonNull(now, "now");
    if ((keepDays == null) == (keepRuns == null)) {
      throw new IllegalArgumentException("give exactly one of keep-days and keep-runs");
    }
    if (keepDays != null && keepDays < 0) {
      throw new IllegalArgumentException("keep-days must be 0 or more, not " + keepDays);
    }
    if (keepRuns != null && keepRuns < 1) {
      throw new IllegalArgumentException("keep-runs must be 1 or more, not " + keepRuns);
    }
  }

  /**
   * @param days keep the invocations of the last {@code days} days (counted back from now)
   * @return options for every environment
   */
  public static PruneOptions keepDays(int days) {
    return new PruneOptions(null, days, null, false, Instant.now());
  }

  /**
   * @param runs keep the {@code runs} latest invocations of each environment
   * @return options for every environment
   */
  public static PruneOptions keepRuns(int runs) {
    return new PruneOptions(null, null, runs, false, Instant.now());
  }

  /**
   * @param name the one environment to prune (null: all)
   * @return a copy pruning only that environment
   */
  public PruneOptions withEnvironment(String name) {
    return new PruneOptions(name, keepDays, keepRuns, dryRun, now);
  }

  /**
   * @param dry true to report what would be removed without removing it
   * @return a copy with that setting
   */
  public PruneOptions withDryRun(boolean dry) {
    return new PruneOptions(environment, keepDays, keepRuns, dry, now);
  }

  /**
   * @param time the time {@code keepDays} counts back from
   * @return a copy with that time
   */
  public PruneOptions asOf(Instant time) {
    return new PruneOptions(environment, keepDays, keepRuns, dryRun, time);
  }
}
