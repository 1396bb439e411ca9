package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import com.fasterxml.jackson.core.JsonParser;
import dev.dbtlens.ArtifactFormatException;
import dev.dbtlens.ProgressListener;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.GZIPInputStream;

/**
 * An artifact file on disk: its size and content digest (both of the bytes on disk, compressed or
 * not), and parsers over its JSON. The digest is computed on a thread of its own from {@link #open},
 * while the file is parsed; {@link #close} stops that thread if nobody will ask for it.
 */
final class ArtifactFile implements AutoCloseable {
  private static final int BUFFER = 1 << 16;
  private static final long PROGRESS_STEP = 8L << 20;

  private final Path path;
  private final long size;
  private final CompletableFuture<String> sha256 = new CompletableFuture<>();
  private volatile boolean closed;

  private ArtifactFile(Path path, long size) {
    this.path = path;
    this.size = size;
  }

  /** @return the file, its digest being computed on a new thread */
  static ArtifactFile open(Path path) {
    ArtifactFile file = new ArtifactFile(path, size(path));
    Thread t = new Thread(file::digest, "dbtlens-file-digest");
    t.setDaemon(true);
    t.start();
    return file;
  }

  private static long size(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new ArtifactFormatException(path, null, null, "cannot read file: " + e, e);
    }
  }

  private void digest() {
    try (InputStream in = Files.newInputStream(path)) {
      MessageDigest digest = Hashing.sha256();
      byte[] buf = new byte[BUFFER];
      for (int n; (n = in.read(buf)) > 0; ) {
        if (closed) {
          sha256.cancel(false);
          return;
        }
        digest.update(buf, 0, n);
      }
      sha256.complete(Hashing.hex(digest.digest()));
    } catch (IOException | RuntimeException e) {
      sha256.completeExceptionally(e);
    }
  }

  Path path() {
    return path;
  }

  long size() {
    return size;
  }

  /**
   * @return the SHA-256 of the file's bytes, in hex, waiting for it if need be
   * @throws ArtifactFormatException if the file could not be read
   * @throws CancellationException if the waiting thread was interrupted (its interrupt is kept)
   */
  String sha256() {
    try {
      return sha256.get();
    } catch (CancellationException e) {
      throw new IllegalStateException(path + " was closed before its digest was computed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while hashing " + path);
    } catch (ExecutionException e) {
      throw new ArtifactFormatException(path, null, null, "cannot read file: " + e.getCause(), e.getCause());
    }
  }

  /** Stops computing the digest, if it is still being computed. */
  @Override
  public void close() {
    closed = true;
  }

  /**
   * Files starting with gzip's magic bytes ({@code 1f 8b}) are decompressed as they are read,
   * whatever their name; progress counts the bytes of the file itself.
   *
   * @param progress told of bytes read, or null
   * @return a streaming parser over the file's JSON; the caller closes it
   */
  JsonParser openParser(ProgressListener progress) throws IOException {
    return Json.FACTORY.createParser(openStream(progress));
  }

  /**
   * @param progress told of bytes read, or null
   * @return the file's bytes, decompressed if it starts with gzip's magic bytes ({@code 1f 8b});
   *     the caller closes it
   */
  InputStream openStream(ProgressListener progress) throws IOException {
    InputStream in = Files.newInputStream(path);
    if (progress != null && progress != ProgressListener.NONE) {
      in = new Counting(in, progress);
    }
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
    if (!gzipped(buffered)) {
      return buffered;
    }
    try {
      return new GZIPInputStream(buffered, BUFFER);
    } catch (IOException e) {
      buffered.close();
      throw e;
    }
  }

  private static boolean gzipped(BufferedInputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b;
  }

  private final class Counting extends FilterInputStream {
    private final ProgressListener listener;
    private long read;
    private long reported;

    Counting(InputStream in, ProgressListener listener) {
      super(in);
      this.listener = listener;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? -1 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count(n);
      return n;
    }

    private void count(int n) {
      if (n > 0) {
        read += n;
      }
      if (n < 0 || read - reported >= PROGRESS_STEP) {
        reported = read;
        listener.onProgress(path, read, size);
      }
    }
  }
}
