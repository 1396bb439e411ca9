/**
 * dbtlens: dbt artifacts (manifest, run_results, sources, catalog) of every schema version in an
 * embedded DuckDB database, with run history. Start at {@link dev.dbtlens.DbtLens}.
 *
 * <p>Everything in this package is API; the packages under {@code dev.dbtlens.internal} are not (see module-info.java).
 */
package dev.dbtlens;
