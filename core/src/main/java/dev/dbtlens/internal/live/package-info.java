/**
 * Live runs from dbt's structured (JSON) logs: parsing log lines of every dbt version (the
 * {@code info}/{@code data} shape of dbt 1.4+, the flat {@code log_line} shape of dbt 1.0-1.3),
 * finding log files among ingested paths, and writing the state of each invocation and node to
 * {@code store.live_*} in small transactions. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.store}, {@code internal.dbt} and the public value types of {@code
 * dev.dbtlens}. Knows nothing of ingest, lineage, selection, freshness or alerts.
 */
package dev.dbtlens.internal.live;
