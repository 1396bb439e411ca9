package dev.dbtlens;

/**
 * Told what a followed dbt log reports, as it arrives (on the thread that reads the log). Every
 * method does nothing by default.
 */
public interface LiveListener {
  /**
   * @param raw a line of the input, as read
   * @param message the event's human-readable message ({@code info.msg}, without colour codes) and
   *     its level, or null when the line is no JSON event (dbt's plain text, a truncated line)
   * @param level the event's level (debug, info, warn, error), or null
   */
  default void line(String raw, String message, String level) { }

  /** @param node a node that started; its row is committed */
  default void nodeStarted(NodeEvent node) { }

  /** @param node a node that finished; its row is committed */
  default void nodeFinished(NodeEvent node) { }

  /** @param alert an alert a finished node raised (after {@link #nodeFinished}) */
  default void alert(Alert alert) { }

  /** @param run an invocation whose end dbt logged */
  default void runFinished(LiveRun run) { }
}
