package dev.dbtlens.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell block cut into command lines as sh would read them: quotes, backslash escapes and line
 * continuations, {@code #} comments, and the operators {@code |}, {@code >} and {@code &&}.
 *
 * @param commands the simple commands of one line, in order
 * @param operators the operator after each command but the last: {@code |}, {@code >} or {@code &&}
 * @param comment the line's {@code #} comment, or ""
 */
record ShellLine(List<List<String>> commands, List<String> operators, String comment) {

  static List<ShellLine> parse(String block) {
    List<ShellLine> lines = new ArrayList<>();
    Parser p = new Parser(block);
    while (p.more()) {
      ShellLine line = p.line();
      if (!line.commands().isEmpty() && !line.commands().get(0).isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    boolean more() {
      return i < s.length();
    }

    ShellLine line() {
      List<List<String>> commands = new ArrayList<>();
      List<String> operators = new ArrayList<>();
      List<String> words = new ArrayList<>();
      String comment = "";
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '\n') {
          i++;
          break;
        } else if (c == ' ' || c == '\t') {
          i++;
        } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i += 2;
        } else if (c == '#') {
          int end = s.indexOf('\n', i);
          end = end < 0 ? s.length() : end;
          comment = s.substring(i + 1, end).strip();
          i = end;
        } else if (c == '|' || c == '>' || s.startsWith("&&", i)) {
          String op = s.startsWith("&&", i) ? "&&" : String.valueOf(c);
          i += op.length();
          commands.add(words);
          operators.add(op);
          words = new ArrayList<>();
        } else {
          words.add(word());
        }
      }
      commands.add(words);
      return new ShellLine(commands, operators, comment);
    }

    private String word() {
      StringBuilder w = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '\'') {
          int end = s.indexOf('\'', i + 1);
          w.append(s, i + 1, end);
          i = end + 1;
        } else if (c == '"') {
          i = doubleQuoted(w, i + 1);
        } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) != '\n') {
          w.append(s.charAt(i + 1));
          i += 2;
        } else if (Character.isWhitespace(c) || c == '|' || c == '>' || s.startsWith("&&", i)
            || (c == '\\' && i + 1 < s.length())) {
          break;
        } else {
          w.append(c);
          i++;
        }
      }
      return w.toString();
    }

    private int doubleQuoted(StringBuilder w, int from) {
      int j = from;
      while (s.charAt(j) != '"') {
        if (s.charAt(j) == '\\' && "\"\\$`".indexOf(s.charAt(j + 1)) >= 0) {
          j++;
        }
        w.append(s.charAt(j++));
      }
      return j + 1;
    }
  }
}
