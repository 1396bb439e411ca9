/**
 * dbt's node selection: the selector grammar, selector methods, graph operators and set
 * operations, YAML selectors, the history that {@code state:}, {@code result:} and {@code
 * source_status:} compare with, and the per-environment cache of built graphs ({@link
 * dev.dbtlens.internal.select.LineageAccess}). <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.lineage}, {@code internal.store}, {@code internal.dbt} and the public
 * value types of {@code dev.dbtlens}.
 */
package dev.dbtlens.internal.select;
