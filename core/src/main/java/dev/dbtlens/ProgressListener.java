package dev.dbtlens;

import java.nio.file.Path;

/**
 * Told which file an ingest is at, how far it has read through it, and which step it derives after
 * the commit, so a caller can draw a progress bar or log progress.
 */
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

  /**
   * Called from the ingesting thread before each file is read (files already ingested included).
   * Does nothing unless overridden.
   *
   * @param file the file about to be read
   * @param index its position among the ingest's files, from 1
   * @param count how many files the ingest reads (folders expanded)
   * @since 0.2
   */
  default void onFile(Path file, int index, int count) {}

  /**
   * Called from the ingesting thread once the artifacts have committed, before each step derived
   * from them ({@code "column lineage"}, {@code "recommendations"}, {@code "alerts"}; each may take
   * a while on a large manifest, or stop at once when what it derives is up to date). Does nothing
   * unless overridden.
   *
   * @param step what is derived next
   * @since 0.3
   */
  default void onStep(String step) {}
}
