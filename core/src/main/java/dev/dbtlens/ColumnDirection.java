package dev.dbtlens;

/** Which way to walk column lineage from a column. */
public enum ColumnDirection {
  /** the columns it comes from */
  UPSTREAM,
  /** the columns computed from it */
  DOWNSTREAM,
  /** both */
  BOTH
}
