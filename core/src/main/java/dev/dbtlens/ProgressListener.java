package dev.dbtlens;

import java.nio.file.Path;

/** Told how far an ingest has read through each file, so a caller can draw a progress bar. */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = (file, bytesRead, totalBytes) -> {};

  /**
   * Called from the ingesting thread, at most every few megabytes and once at the end of a file.
   *
   * @param file the file being read
   * @param bytesRead bytes read so far
   * @param totalBytes the file's size
   */
  void onProgress(Path file, long bytesRead, long totalBytes);
}
