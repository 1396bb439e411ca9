/**
 * Test data for dbtlens: a deterministic generator of realistic dbt artifact histories
 * ({@link dev.dbtlens.testdata.ProjectGenerator}, reporting a {@link dev.dbtlens.testdata.GenerationSummary}) and
 * the bundled {@code shop} sample ({@link dev.dbtlens.testdata.Samples}).
 *
 * <p>Generated files follow the official dbt schemas: manifest v12 (dbt 1.10.13), run_results v6, sources v3 and
 * catalog v1. The packages under {@code dev.dbtlens.testdata.internal} are implementation details, hidden by
 * module-info.java: {@code project} (the synthetic project and its builders), {@code history} (its runs over time)
 * and {@code write} (the artifact writers).
 */
package dev.dbtlens.testdata;
