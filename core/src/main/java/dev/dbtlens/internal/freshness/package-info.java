/**
 * Source, model and upstream freshness at a point in time, from stored freshness results, last
 * successful builds and the lineage graph. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.select} (for the cached graph of an environment), {@code
 * internal.lineage}, {@code internal.store}, {@code internal.dbt} and the public value types of
 * {@code dev.dbtlens}.
 */
package dev.dbtlens.internal.freshness;
