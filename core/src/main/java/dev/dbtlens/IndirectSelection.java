package dev.dbtlens;

/** dbt's {@code --indirect-selection}: which tests come along with the nodes they test. */
public enum IndirectSelection {
  /** A test is selected when any of its parents is (dbt's default). */
  EAGER,
  /** A test is selected only when all its parents are. */
  CAUTIOUS,
  /** A test is selected when all its parents are selected or are ancestors of selected nodes. */
  BUILDABLE,
  /** Tests are selected only when selected themselves. */
  EMPTY
}
