/**
 * The DuckDB database: opening it, the storage schema and its migrations, the public SQL views
 * (both as {@code .sql} resources beside this package), appenders for writing rows, each
 * environment's materialised current state, and the Java API's reads. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.dbt} and the public value types of {@code dev.dbtlens}. Never the
 * readers of artifacts, the lineage graph, selection or freshness: they build on this package.
 */
package dev.dbtlens.internal.store;
