package dev.dbtlens.internal.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The stream a manifest's parser reads, keeping the bytes it delivered so that a part of the JSON the
 * parser has already tokenised can be hashed, or parsed again, from the file's own bytes.
 *
 * <p>Offsets are counted from the stream's first byte: the byte offsets of the parser's token
 * locations ({@code JsonParser.currentTokenLocation().getByteOffset()}), of the decompressed bytes
 * for a gzipped file. While nothing is {@linkplain #keepFrom kept}, the last {@link #TAIL} bytes are
 * (more than the parser's own buffer holds), so a token the parser has just returned is still here;
 * {@link #keepFrom} then keeps everything from that token on until {@link #release}, at most one
 * manifest entry beyond the tail.
 */
final class RecordingStream extends FilterInputStream {
  /** Bytes kept while nothing is kept explicitly: more than Jackson's 8,000-byte read buffer. */
  static final int TAIL = 1 << 16;

  private byte[] window = new byte[4 * TAIL];
  private long windowStart;
  private int length;
  private long keepFrom = -1;

  RecordingStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      append(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (r <= 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  private void append(byte[] b, int off, int n) {
    if (length + n > window.length) {
      long from = keepFrom >= 0 ? keepFrom : Math.max(windowStart, windowStart + length - TAIL);
      int drop = (int) (from - windowStart);
      if (drop > 0) {
        System.arraycopy(window, drop, window, 0, length - drop);
        windowStart += drop;
        length -= drop;
      }
      if (length + n > window.length) {
        window = Arrays.copyOf(window, Math.max(window.length * 2, length + n));
      }
    }
    System.arraycopy(b, off, window, length, n);
    length += n;
  }

  /**
   * Keeps every byte from {@code offset} on until {@link #release}.
   *
   * @throws IllegalStateException if that byte is no longer held (it was delivered before the tail)
   */
  void keepFrom(long offset) {
    if (offset < windowStart) {
      throw new IllegalStateException("byte " + offset + " is no longer held (from " + windowStart + ")");
    }
    keepFrom = offset;
  }

  /** Keeps only the tail again. */
  void release() {
    keepFrom = -1;
  }

  /** @return the array holding the bytes; valid until the next read */
  byte[] array() {
    return window;
  }

  /** @return the index in {@link #array()} of the byte at {@code offset}, which must be held */
  int index(long offset) {
    return (int) (offset - windowStart);
  }
}
