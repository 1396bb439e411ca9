/**
 * dbt-project-evaluator's rules evaluated in memory over an environment's latest manifest: the
 * catalogue of rules ({@link dev.dbtlens.internal.recommend.Rules}), the node attributes they read
 * ({@link dev.dbtlens.internal.recommend.ProjectData}) and the evaluation ({@link
 * dev.dbtlens.internal.recommend.Evaluator}). <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.select} (for the cached graph of an environment), {@code
 * internal.lineage} (the graph's adjacency arrays), {@code internal.store}, {@code internal.dbt}
 * and the public value types of {@code dev.dbtlens}.
 */
package dev.dbtlens.internal.recommend;
