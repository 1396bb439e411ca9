package dev.dbtlens.cli.output;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints rows as an aligned table, RFC 4180 CSV or JSON lines. Used by {@code sql} for query results
 * and by {@code ingest} and {@code demo} for their own tables.
 */
public final class ResultPrinter {
  /** An output format. */
  public enum Format {
    /**
     * Aligned columns, a header and a row count. Nothing is cut: text longer than the maximum width
     * wraps onto more lines; values without whitespace (unique ids, invocation ids) widen their
     * column instead; doubles print in plain notation with at most 6 decimals.
     */
    TABLE,
    /** RFC 4180: a header row, every value in full, CRLF line ends. */
    CSV,
    /** One JSON object per row and line. */
    JSON
  }

  /** The default widest column of a table: longer text wraps. */
  public static final int MAX_CELL = 60;
  /**
   * Rows a table reads before fixing its column widths; a later value without whitespace that is
   * wider overflows its column rather than being cut.
   */
  private static final int SAMPLE_ROWS = 1000;
  private static final String NULL = "NULL";
  /** Column kinds seen in a table's sample: nothing but nulls yet, numbers only, or other values. */
  private static final int NULLS = 0;
  private static final int NUMBERS = 1;
  private static final int OTHER = 2;

  private final PrintWriter out;
  private final Format format;
  private final int maxWidth;
  private final JdbcValues values = new JdbcValues();

  /** A printer whose tables wrap text at {@value #MAX_CELL} characters. */
  public ResultPrinter(PrintWriter out, Format format) {
    this(out, format, MAX_CELL);
  }

  /**
   * @param maxWidth the widest a table column gets before its text wraps; 0 for no limit
   */
  public ResultPrinter(PrintWriter out, Format format, int maxWidth) {
    this.out = out;
    this.format = format;
    this.maxWidth = maxWidth <= 0 ? Integer.MAX_VALUE : maxWidth;
  }

  /**
   * Prints a query result, streaming it (a table holds its first {@value #SAMPLE_ROWS} rows).
   *
   * @param rs the result, read to its end
   * @return the number of rows
   */
  public long print(ResultSet rs) throws SQLException {
    List<String> columns = columns(rs.getMetaData());
    RowSource rows = () -> rs.next() ? row(rs, columns.size()) : null;
    return switch (format) {
      case TABLE -> table(columns, rows, true);
      case CSV -> csv(columns, rows);
      case JSON -> jsonLines(columns, rows);
    };
  }

  /**
   * Prints rows already in memory.
   *
   * @param columns the header
   * @param rows the rows, each as long as the header
   * @param countFooter whether to end a table with {@code (N rows)}
   */
  public void print(List<String> columns, List<List<Object>> rows, boolean countFooter) {
    var it = rows.iterator();
    RowSource source = () -> it.hasNext() ? it.next() : null;
    try {
      switch (format) {
        case TABLE -> table(columns, source, countFooter);
        case CSV -> csv(columns, source);
        case JSON -> jsonLines(columns, source);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("unreachable: rows in memory", e);
    }
  }

  private long table(List<String> columns, RowSource rows, boolean countFooter) throws SQLException {
    List<List<String>> sample = new ArrayList<>();
    int[] width = columns.stream().mapToInt(String::length).toArray();
    int[] kinds = new int[columns.size()];
    Arrays.fill(kinds, NULLS);
    List<Object> row;
    while (sample.size() < SAMPLE_ROWS && (row = rows.next()) != null) {
      sample.add(cells(row, width, kinds));
    }
    boolean[] numeric = new boolean[columns.size()];
    for (int i = 0; i < kinds.length; i++) {
      numeric[i] = kinds[i] == NUMBERS;
    }
    printRow(columns, width, numeric);
    printRow(Arrays.stream(width).mapToObj("-"::repeat).toList(), width, numeric);
    sample.forEach(cells -> printRow(cells, width, numeric));
    long count = sample.size();
    while ((row = rows.next()) != null) {
      printRow(cells(row, null, null), width, numeric);
      count++;
    }
    if (countFooter) {
      out.println("(" + Plural.of(count, "row") + ")");
    }
    return count;
  }

  /**
   * Table cells of one row, each in full, widening {@code width} (up to the maximum for text that
   * can wrap) and noting in {@code kinds} whether a column holds only numbers (right-aligned).
   */
  private List<String> cells(List<Object> row, int[] width, int[] kinds) {
    List<String> cells = new ArrayList<>(row.size());
    for (int i = 0; i < row.size(); i++) {
      Object v = row.get(i);
      String cell = v == null ? NULL : oneLine(v instanceof Double d ? Doubles.plain(d) : values.text(v));
      cells.add(cell);
      if (width != null) {
        int length = length(cell);
        width[i] = Math.max(width[i], wraps(v, cell) ? Math.min(length, maxWidth) : length);
        kinds[i] = kind(kinds[i], v);
      }
    }
    return cells;
  }

  /** Text with whitespace, JSON and lists wrap; a value without whitespace (an id) never does. */
  private static boolean wraps(Object value, String cell) {
    return !(value instanceof String) || cell.chars().anyMatch(Character::isWhitespace);
  }

  private static int kind(int before, Object value) {
    if (value == null || before == OTHER) {
      return before;
    }
    return value instanceof Number ? NUMBERS : OTHER;
  }

  /** One row: a line, or more when a cell wraps; continuation lines leave other cells blank. */
  private void printRow(List<String> cells, int[] width, boolean[] rightAligned) {
    List<List<String>> parts = new ArrayList<>(cells.size());
    int lines = 1;
    for (int i = 0; i < cells.size(); i++) {
      List<String> p = wrap(cells.get(i), width[i]);
      parts.add(p);
      lines = Math.max(lines, p.size());
    }
    for (int l = 0; l < lines; l++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cells.size(); i++) {
        String cell = l < parts.get(i).size() ? parts.get(i).get(l) : "";
        String pad = " ".repeat(Math.max(0, width[i] - length(cell)));
        boolean last = i == cells.size() - 1;
        line.append(i == 0 ? "" : "  ");
        line.append(rightAligned[i] ? pad + cell : cell + (last ? "" : pad));
      }
      out.println(l == 0 ? line : line.toString().stripTrailing());
    }
  }

  /**
   * @return the cell in lines of at most {@code width} code points, broken after a space where
   *     there is one; a cell without whitespace stays whole (it overflows rather than being cut)
   */
  static List<String> wrap(String cell, int width) {
    if (length(cell) <= width || cell.chars().noneMatch(Character::isWhitespace)) {
      return List.of(cell);
    }
    List<String> lines = new ArrayList<>();
    String rest = cell;
    while (length(rest) > width) {
      int end = rest.offsetByCodePoints(0, width);
      int space = rest.lastIndexOf(' ', end);
      int cut = space > 0 ? space : end;
      lines.add(rest.substring(0, cut).stripTrailing());
      rest = rest.substring(space > 0 ? cut + 1 : cut);
    }
    if (!rest.isEmpty()) {
      lines.add(rest);
    }
    return lines;
  }

  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  private long csv(List<String> columns, RowSource rows) throws SQLException {
    csvLine(new ArrayList<>(columns));
    long count = 0;
    for (List<Object> row; (row = rows.next()) != null; count++) {
      csvLine(row);
    }
    return count;
  }

  private void csvLine(List<?> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      Object v = fields.get(i);
      line.append(i == 0 ? "" : ",").append(csvField(v instanceof Double d ? Doubles.full(d) : values.text(v)));
    }
    out.print(line.append("\r\n"));
  }

  private long jsonLines(List<String> columns, RowSource rows) throws SQLException {
    long count = 0;
    for (List<Object> row; (row = rows.next()) != null; count++) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        object.put(columns.get(i), row.get(i));
      }
      out.println(values.json(object));
    }
    return count;
  }

  /**
   * Reads a whole result into memory, for callers that decide what to print once they see it.
   *
   * @param rs the result, read to its end
   * @return its columns and rows
   */
  public Rows read(ResultSet rs) throws SQLException {
    List<String> columns = columns(rs.getMetaData());
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      rows.add(row(rs, columns.size()));
    }
    return new Rows(columns, rows);
  }

  /**
   * A result in memory.
   *
   * @param columns the column labels
   * @param rows the rows, as plain Java values
   */
  public record Rows(List<String> columns, List<List<Object>> rows) {}

  private List<Object> row(ResultSet rs, int columns) throws SQLException {
    List<Object> row = new ArrayList<>(columns);
    for (int i = 1; i <= columns; i++) {
      // TIMESTAMP through LocalDateTime: java.sql.Timestamp would pass through the JVM's time zone
      // and shift values inside a daylight-saving gap
      boolean timestamp = rs.getMetaData().getColumnType(i) == java.sql.Types.TIMESTAMP;
      row.add(values.toJava(timestamp ? rs.getObject(i, java.time.LocalDateTime.class) : rs.getObject(i)));
    }
    return row;
  }

  /** Column labels, made unique ({@code id}, {@code id_2}) so JSON objects keep every value. */
  private static List<String> columns(ResultSetMetaData meta) throws SQLException {
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String label = meta.getColumnLabel(i);
      String unique = label;
      for (int n = 2; !seen.add(unique); n++) {
        unique = label + "_" + n;
      }
    }
    return List.copyOf(seen);
  }

  public static String csvField(String text) {
    boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0;
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  /** Line breaks and tabs shown as {@code \n}, {@code \t}, so every row stays one line. */
  public static String oneLine(String text) {
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n").replace("\t", "\\t");
  }

  /** @return text cut to at most {@code max} code points, ending in "..." when cut */
  public static String cut(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    int keep = Math.max(0, max - 3);
    return text.substring(0, text.offsetByCodePoints(0, keep)) + "...".substring(0, Math.min(3, max));
  }

  /** Rows one at a time; null at the end. */
  @FunctionalInterface
  private interface RowSource {
    List<Object> next() throws SQLException;
  }
}
