package dev.dbtlens;

/**
 * Which invocations {@link DbtLens#runHistory(String, String, int, HistoryScope)} reads results
 * from.
 */
public enum HistoryScope {
  /**
   * Builds only: results of every command but {@code compile}, {@code docs generate} and {@code
   * show} (see {@link RunResult#NON_BUILD_COMMANDS}), which write run_results where each node they
   * compiled reads {@code success} although nothing was built. A result whose command the file does
   * not record counts as a build.
   */
  BUILDS,
  /** Every result, compiles and {@code docs generate} included. */
  ALL
}
