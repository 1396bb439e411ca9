package dev.dbtlens.cli.support;

import dev.dbtlens.ProgressListener;
import dev.dbtlens.cli.output.ResultPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of an ingest, as the {@link StatusLine} allows. On a terminal: a bar with the overall
 * count ({@code file 3 of 12}), drawn only for long work (after one second, or at once for a file
 * over 16 MB) and erased by {@link #close()}. Without one, when the status line logs progress (a CI
 * log): a line as each file starts, at most one a second (the first and last file always), and one
 * every five seconds inside a long file.
 */
public final class ProgressBar implements ProgressListener, AutoCloseable {
  private static final long BIG_FILE = 16L << 20;
  private static final long DELAY_NANOS = 1_000_000_000L;
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long FILE_LINE_NANOS = 1_000_000_000L;
  private static final long INSIDE_FILE_LINE_NANOS = 5_000_000_000L;
  private static final int BAR = 16;
  private static final int WIDTH = 78; // never wraps on an 80-column terminal

  private final StatusLine status;
  private final LongSupplier clock;
  private final long start;
  private final Path base = Path.of("").toAbsolutePath();
  private int index;
  private int count;
  private boolean drawn;
  private long lastDraw;
  private long lastLine = Long.MIN_VALUE;

  public ProgressBar(StatusLine status) {
    this(status, System::nanoTime);
  }

  ProgressBar(StatusLine status, LongSupplier clock) {
    this.status = status;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  @Override
  public void onFile(Path file, int index, int count) {
    this.index = index;
    this.count = count;
    if (!status.logsProgress()) {
      return;
    }
    long now = clock.getAsLong();
    if (index == 1 || index == count || now - lastLine >= FILE_LINE_NANOS) {
      status.println(position() + ": " + display(file) + size(file));
      lastLine = now;
    }
  }

  @Override
  public void onProgress(Path file, long bytesRead, long totalBytes) {
    long now = clock.getAsLong();
    if (status.logsProgress()) {
      if (bytesRead < totalBytes && now - lastLine >= INSIDE_FILE_LINE_NANOS) {
        status.println(position() + ": " + display(file) + " " + percent(bytesRead, totalBytes) + "% ("
            + megabytes(bytesRead) + " of " + megabytes(totalBytes) + ")");
        lastLine = now;
      }
      return;
    }
    if (!status.interactive()) {
      return;
    }
    if (!drawn && now - start < DELAY_NANOS && totalBytes <= BIG_FILE) {
      return;
    }
    if (drawn && bytesRead < totalBytes && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    status.show(line(index, count, file, bytesRead, totalBytes));
    drawn = true;
    lastDraw = now;
  }

  /**
   * After the commit: in a log, a line per derived step once the ingest has run a second since the
   * last line ({@code deriving column lineage at 70.2 s (the artifacts are committed)}), so that a long
   * one is not silence; on a terminal, the step in place of the bar once the bar was drawn.
   */
  @Override
  public void onStep(String step) {
    long now = clock.getAsLong();
    String line = "deriving " + step + " at " + String.format(Locale.ROOT, "%.1f s", (now - start) / 1e9)
        + " (the artifacts are committed)";
    if (status.logsProgress()) {
      if (now - lastLine >= FILE_LINE_NANOS) {
        status.println(line);
        lastLine = now;
      }
    } else if (status.interactive() && (drawn || now - start >= DELAY_NANOS)) {
      status.show(line);
      drawn = true;
      lastDraw = now;
    }
  }

  /**
   * @param index the file's position, from 1; 0 when unknown
   * @param count how many files
   * @return e.g. {@code file 3 of 12 manifest.json [####........]  25% 25.0 MB of 100.0 MB}, at most
   *     78 characters
   */
  public static String line(int index, int count, Path file, long bytesRead, long totalBytes) {
    long pct = percent(bytesRead, totalBytes);
    int filled = (int) Math.round(pct / 100.0 * BAR);
    String prefix = index > 0 ? "file " + index + " of " + count + " " : "reading ";
    String rest = String.format(Locale.ROOT, " [%s%s] %3d%% %s of %s", "#".repeat(filled),
        ".".repeat(BAR - filled), pct, megabytes(bytesRead), megabytes(totalBytes));
    int room = Math.max(8, WIDTH - prefix.length() - rest.length());
    String name = ResultPrinter.cut(String.valueOf(file.getFileName()), Math.min(room, 20));
    return prefix + String.format(Locale.ROOT, "%-" + Math.min(room, 20) + "s", name) + rest;
  }

  private String position() {
    return "file " + index + " of " + count;
  }

  /** The path relative to the working folder when beneath it. */
  private String display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(base) && !abs.equals(base) ? base.relativize(abs).toString() : abs.toString();
  }

  private static String size(Path file) {
    try {
      return " (" + megabytes(Files.size(file)) + ")";
    } catch (IOException e) {
      return "";
    }
  }

  private static long percent(long bytesRead, long totalBytes) {
    return totalBytes <= 0 ? 100 : Math.round(Math.min(1, (double) bytesRead / totalBytes) * 100);
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** Erases the bar. */
  @Override
  public void close() {
    status.clear();
  }
}
