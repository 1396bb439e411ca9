package dev.dbtlens.cli.support;

import dev.dbtlens.cli.output.ResultPrinter;
import dev.dbtlens.ProgressListener;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A progress bar in the {@link StatusLine}, drawn only on a terminal and only for long work: after
 * one second, or at once for a file over 16 MB. {@link #close()} erases it.
 */
public final class ProgressBar implements ProgressListener, AutoCloseable {
  private static final long BIG_FILE = 16L << 20;
  private static final long DELAY_NANOS = 1_000_000_000L;
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR = 16;

  private final StatusLine status;
  private final long start = System.nanoTime();
  private boolean drawn;
  private long lastDraw;

  public ProgressBar(StatusLine status) {
    this.status = status;
  }

  @Override
  public void onProgress(Path file, long bytesRead, long totalBytes) {
    if (!status.interactive()) {
      return;
    }
    long now = System.nanoTime();
    if (!drawn && now - start < DELAY_NANOS && totalBytes <= BIG_FILE) {
      return;
    }
    if (drawn && bytesRead < totalBytes && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    status.show(line(file, bytesRead, totalBytes));
    drawn = true;
    lastDraw = now;
  }

  public static String line(Path file, long bytesRead, long totalBytes) {
    double fraction = totalBytes <= 0 ? 1 : Math.min(1, (double) bytesRead / totalBytes);
    int filled = (int) Math.round(fraction * BAR);
    String name = ResultPrinter.cut(String.valueOf(file.getFileName()), 20);
    // at most 78 characters, so the line never wraps on an 80-column terminal
    return String.format(Locale.ROOT, "reading %-20s [%s%s] %3d%% %s of %s", name,
        "#".repeat(filled), ".".repeat(BAR - filled), Math.round(fraction * 100),
        megabytes(bytesRead), megabytes(totalBytes));
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
