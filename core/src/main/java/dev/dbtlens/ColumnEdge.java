package dev.dbtlens;

/**
 * A column computed from another.
 *
 * @param parent the input column
 * @param child the output column
 * @param transformationType {@code passthrough} (same name, no change), {@code renamed} (same
 *     value, new name) or {@code transformed}
 * @param expression the SQL expression the child is computed by (the nearest transformation)
 */
public record ColumnEdge(ColumnRef parent, ColumnRef child, String transformationType, String expression) {}
