package dev.dbtlens.internal.store;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows kept in memory, to be {@linkplain #replay replayed} into another sink (on another thread):
 * values in order, each row closed by a marker. Counts its rows and roughly its bytes, so that its
 * writer can bound what it holds. Not thread-safe: one thread fills it, then hands it over.
 */
public final class RowBuffer implements RowSink {
  private static final Object END = new Object();
  private final List<Object> values = new ArrayList<>();
  private int rows;
  private long bytes;

  @Override
  public RowBuffer begin() {
    return this;
  }

  private RowBuffer add(Object v, long size) {
    values.add(v);
    bytes += size;
    return this;
  }

  @Override
  public RowBuffer str(String v) {
    return add(v, v == null ? 8 : 40 + v.length());
  }

  @Override
  public RowBuffer utf8(byte[] v) {
    return add(v, v == null ? 8 : 16 + v.length);
  }

  @Override
  public RowBuffer num(Double v) {
    return add(v, 16);
  }

  @Override
  public RowBuffer lng(Long v) {
    return add(v, 16);
  }

  @Override
  public RowBuffer integer(Integer v) {
    return add(v, 16);
  }

  @Override
  public RowBuffer bool(Boolean v) {
    return add(v, 8);
  }

  @Override
  public RowBuffer ts(LocalDateTime v) {
    return add(v, 32);
  }

  @Override
  public RowBuffer list(List<String> v) {
    long size = 24;
    if (v != null) {
      for (String s : v) {
        size += 40 + s.length();
      }
    }
    return add(v, size);
  }

  @Override
  public RowBuffer end() {
    values.add(END);
    rows++;
    return this;
  }

  /** @return rows kept */
  public int rows() {
    return rows;
  }

  /** @return about how many bytes of heap the values take */
  public long bytes() {
    return bytes;
  }

  /** Writes every row kept into a sink, in order. */
  @SuppressWarnings("unchecked")
  public void replay(RowSink to) {
    boolean open = false;
    for (Object v : values) {
      if (!open) {
        to.begin();
        open = true;
      }
      if (v == END) {
        to.end();
        open = false;
      } else if (v == null || v instanceof String) {
        to.str((String) v);
      } else if (v instanceof byte[] b) {
        to.utf8(b);
      } else if (v instanceof Double d) {
        to.num(d);
      } else if (v instanceof Long l) {
        to.lng(l);
      } else if (v instanceof Integer i) {
        to.integer(i);
      } else if (v instanceof Boolean b) {
        to.bool(b);
      } else if (v instanceof LocalDateTime t) {
        to.ts(t);
      } else {
        to.list((List<String>) v);
      }
    }
  }
}
