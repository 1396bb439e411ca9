package dev.dbtlens.internal.columns;

import java.util.regex.Pattern;

/**
 * Rewrites dbt's compiled SQL into text JSqlParser accepts, without changing what it means. Two
 * rewrites were enough for 99% of the real corpus (docs/column-lineage.md): JSqlParser ends a
 * statement at a blank line, and it reserves {@code final}, a common CTE name in dbt projects.
 */
final class SqlPrep {
  private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t\\r]*(?=\\n)");
  private static final Pattern FINAL = Pattern.compile("(?i)(?<![\\w\"`.$])final(?![\\w\"`$])");

  private SqlPrep() {}

  static String prepare(String compiled) {
    String sql = BLANK_LINES.matcher(compiled).replaceAll("").trim();
    while (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1).trim();
    }
    if (sql.toLowerCase(java.util.Locale.ROOT).contains("final")) {
      sql = FINAL.matcher(sql).replaceAll("\"final\"");
    }
    return sql;
  }
}
