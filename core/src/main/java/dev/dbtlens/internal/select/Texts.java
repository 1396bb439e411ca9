package dev.dbtlens.internal.select;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Short texts for messages: user input cut to a readable length, and "did you mean" suggestions. */
final class Texts {
  private static final int MAX = 80;
  private static final int MAX_NAMES = 20;

  private Texts() {}

  /** @return {@code s} cut to about 80 characters, saying how much was left out */
  static String cut(String s) {
    if (s == null || s.length() <= MAX) {
      return s;
    }
    return s.substring(0, MAX) + "... (" + s.length() + " characters)";
  }

  /** @return the names joined by commas, at most 20 of them, then how many more */
  static String names(Collection<String> names) {
    List<String> all = List.copyOf(names);
    if (all.size() <= MAX_NAMES) {
      return String.join(", ", all);
    }
    return String.join(", ", all.subList(0, MAX_NAMES)) + ", ... (" + (all.size() - MAX_NAMES) + " more)";
  }

  /** @return {@code "; did you mean 'x'?"} for the closest known name within a small edit distance, else "" */
  static String suggestion(String given, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String g = given.toLowerCase(Locale.ROOT);
    for (String k : known) {
      String lower = k.toLowerCase(Locale.ROOT);
      int d = lower.startsWith(g) || g.startsWith(lower) ? 1 : distance(g, lower);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, Math.min(3, given.length() / 3));
    return best != null && bestDistance <= allowed ? "; did you mean '" + best + "'?" : "";
  }

  /** Damerau-Levenshtein distance (optimal string alignment): a transposition counts as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
