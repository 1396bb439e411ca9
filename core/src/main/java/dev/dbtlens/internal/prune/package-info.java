/**
 * Removing old invocations and what nothing references any more once they are gone, and compacting
 * the database file afterwards ({@link dev.dbtlens.internal.prune.Pruner}). <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.store} and the public value types of {@code dev.dbtlens}. Knows
 * nothing of ingest, lineage, selection or freshness.
 */
package dev.dbtlens.internal.prune;
