/**
 * Build performance over stored history: dbt Explorer's performance rankings and execution
 * history, the critical path of a run (jgrapht over the manifest in force at the run), execution
 * time trends and build totals per day and per job, read from the performance views
 * ({@code views-perf.sql}). <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.store}, {@code internal.dbt} and the public value types of {@code
 * dev.dbtlens}.
 */
package dev.dbtlens.internal.perf;
