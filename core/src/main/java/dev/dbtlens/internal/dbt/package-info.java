/**
 * dbt's formats as dbt writes them: the one configured Jackson mapper with tolerant accessors,
 * dbt's timestamps, and result statuses in dbt-core's spelling. <strong>Not API.</strong>
 *
 * <p>Owns nothing stateful. May use: the public value types of {@code dev.dbtlens}. Used by every
 * other internal package; uses none of them.
 */
package dev.dbtlens.internal.dbt;
