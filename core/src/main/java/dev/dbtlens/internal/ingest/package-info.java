/**
 * Reading artifacts into the store: probing a file's kind and schema version, the streaming
 * loaders of manifest, run_results, sources, catalog and semantic_manifest, content hashing, and
 * the {@link dev.dbtlens.internal.ingest.Ingester} that runs one ingest as one transaction.
 * <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.store}, {@code internal.dbt} and the public value types of {@code
 * dev.dbtlens}. Knows nothing of lineage, selection or freshness.
 */
package dev.dbtlens.internal.ingest;
