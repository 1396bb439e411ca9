package dev.dbtlens.internal.store;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Where rows of one table are written, a value per column in the table's column order: a {@link
 * TableWriter} appends them to DuckDB, a {@link RowBuffer} keeps them to be appended by another
 * thread. Null values are allowed everywhere.
 */
public interface RowSink {
  RowSink begin();

  RowSink str(String v);

  /** UTF-8 text (e.g. JSON already serialised) for a VARCHAR or JSON column. */
  RowSink utf8(byte[] v);

  RowSink num(Double v);

  RowSink lng(Long v);

  RowSink integer(Integer v);

  RowSink bool(Boolean v);

  RowSink ts(LocalDateTime v);

  RowSink list(List<String> v);

  RowSink end();
}
