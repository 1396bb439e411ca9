package dev.dbtlens;

import java.nio.file.Path;
import java.util.List;

/**
 * What reading dbt JSON logs stored.
 *
 * @param files the log files read, oldest first (empty for a stream)
 * @param lines lines read
 * @param events JSON log events among them
 * @param skippedLines non-blank lines that were no event (plain text, a truncated line, foreign
 *     JSON), passed over
 * @param nodeEvents NodeStart and NodeFinished events
 * @param invocations the invocation ids seen, in order of first appearance
 */
public record LogIngestReport(List<Path> files, long lines, long events, long skippedLines,
    long nodeEvents, List<String> invocations) {

  /** Copies the lists. */
  public LogIngestReport {
    files = List.copyOf(files);
    invocations = List.copyOf(invocations);
  }

  /** @return a report of nothing read */
  public static LogIngestReport empty() {
    return new LogIngestReport(List.of(), 0, 0, 0, 0, List.of());
  }
}
