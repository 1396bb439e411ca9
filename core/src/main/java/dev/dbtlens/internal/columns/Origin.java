package dev.dbtlens.internal.columns;

/**
 * A parent column: the dbt node it belongs to (or, for a relation no node has, {@code ?} and the
 * relation name) and its lower-case name.
 */
public record Origin(String node, String column) {
  public boolean known() {
    return !node.startsWith("?");
  }
}
