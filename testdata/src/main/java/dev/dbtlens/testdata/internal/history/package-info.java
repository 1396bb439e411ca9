/**
 * The project over time: the timeline of invocations (commands, dates), the evolving project state, and the
 * execution simulator that decides each node's outcome and timing; timestamps as dbt writes them.
 * <strong>Not API.</strong> Uses {@code internal.project}.
 */
package dev.dbtlens.testdata.internal.history;
