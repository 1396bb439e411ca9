/**
 * The artifact writers: manifest (one writer per node kind), run_results, sources and catalog, streamed with
 * Jackson as dbt writes them. <strong>Not API.</strong> Uses {@code internal.history} and {@code internal.project}.
 */
package dev.dbtlens.testdata.internal.write;
