package dev.dbtlens.internal.select;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Python's {@code fnmatch.fnmatchcase}, as dbt uses it: {@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}. */
final class Glob {
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private Glob() {}

  static boolean matches(String text, String pattern) {
    if (text == null) {
      return false;
    }
    if (!hasWildcard(pattern)) {
      return text.equals(pattern);
    }
    return CACHE.computeIfAbsent(pattern, Glob::compile).matcher(text).matches();
  }

  static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  private static Pattern compile(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 2);
        if (close < 0) {
          re.append("\\[");
          continue;
        }
        String set = glob.substring(i + 1, close);
        re.append('[').append(set.startsWith("!") ? "^" + quoteSet(set.substring(1)) : quoteSet(set)).append(']');
        i = close;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  private static String quoteSet(String set) {
    return set.replace("\\", "\\\\").replace("[", "\\[").replace("&", "\\&");
  }
}
