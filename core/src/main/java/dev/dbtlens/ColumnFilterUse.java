package dev.dbtlens;

/**
 * A column a node uses only to filter, join or group its rows: it changes which rows every column
 * of the node has, not any column's value.
 *
 * @param column the input column
 * @param nodeUniqueId the node using it
 * @param kind {@code filter} (WHERE, HAVING, QUALIFY), {@code join} (ON, USING) or {@code group_by}
 */
public record ColumnFilterUse(ColumnRef column, String nodeUniqueId, String kind) {}
