package dev.dbtlens.cli.support;

import java.util.regex.Pattern;

/** Quoting for POSIX shells, for commands printed for the user to paste. */
public final class Shell {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+-]+");

  private Shell() {}

  /** @return the word as is when the shell leaves it alone, else in single quotes */
  public static String quote(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** @return SQL text in double quotes (it holds single-quoted literals), escaped for the shell */
  public static String quoteSql(String sql) {
    return '"' + sql.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$")
        .replace("`", "\\`") + '"';
  }
}
