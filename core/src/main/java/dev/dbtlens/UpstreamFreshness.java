package dev.dbtlens;

import java.time.Instant;

/**
 * How old the data behind a model, snapshot or exposure is: the oldest load among its ancestor
 * sources and the oldest last successful build among its ancestor models, seeds and snapshots,
 * over the whole upstream lineage ("when was the data this dashboard uses last refreshed?").
 * Ancestors never checked or never built do not count; the node itself is not its own ancestor.
 *
 * @param uniqueId the node, e.g. {@code exposure.shop.weekly_kpis}
 * @param resourceType {@code model}, {@code snapshot} or {@code exposure}
 * @param oldestSourceLoad the earliest {@code max_loaded_at} of the latest checks of its ancestor
 *     sources, or null if none has one
 * @param oldestSource the source with that load time, or null
 * @param oldestModelBuild the earliest last-success time among its ancestor models, seeds and
 *     snapshots (see {@link ModelFreshness.Run#completedAt()}), or null if none was built
 * @param oldestModel the node with that build time, or null
 * @param oldest the earlier of {@code oldestSourceLoad} and {@code oldestModelBuild} (the source on
 *     a tie), or null if both are null
 * @param blame the upstream node with the {@code oldest} time, or null
 * @param ageSeconds seconds from {@code oldest} to the report's time, or null
 */
public record UpstreamFreshness(
    NodeId uniqueId,
    String resourceType,
    Instant oldestSourceLoad,
    NodeId oldestSource,
    Instant oldestModelBuild,
    NodeId oldestModel,
    Instant oldest,
    NodeId blame,
    Double ageSeconds) {}
