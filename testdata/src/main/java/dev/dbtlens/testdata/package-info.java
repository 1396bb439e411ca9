/**
 * Test data for dbtlens: a deterministic generator of realistic dbt artifact histories
 * ({@link dev.dbtlens.testdata.ProjectGenerator}, reporting a {@link dev.dbtlens.testdata.GenerationSummary}) and
 * the bundled {@code shop} sample ({@link dev.dbtlens.testdata.Samples}).
 *
 * <p>Generated files follow the official dbt schemas: manifest v12 (dbt 1.10.13), run_results v6, sources v3 and
 * catalog v1. Everything else in this package is an implementation detail.
 */
package dev.dbtlens.testdata;
