package dev.dbtlens.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fenced code blocks of README.md and docs/*.md. A block right after an HTML comment {@code
 * <!-- not run -->} is marked as not meant to run.
 */
final class DocSnippets {
  /** The repository root: tests run with the cli module as the working directory. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /**
   * One fenced block.
   *
   * @param file the Markdown file, relative to the repository
   * @param line the line of its opening fence
   * @param lang the fence's language ({@code sh}, {@code sql}, {@code java}, ...)
   * @param text the block's text
   * @param notRun whether {@code <!-- not run -->} precedes it
   */
  record Snippet(String file, int line, String lang, String text, boolean notRun) {
    @Override
    public String toString() {
      return file + ":" + line + " (" + lang + ")";
    }
  }

  private DocSnippets() {}

  /** @return README.md and every docs/*.md, sorted */
  static List<Path> documents() {
    List<Path> out = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** @return every fenced block of the documents in the given language */
  static List<Snippet> all(String lang) {
    return documents().stream().flatMap(d -> blocks(d).stream()).filter(s -> s.lang().equals(lang)).toList();
  }

  static List<Snippet> blocks(Path doc) {
    List<String> lines;
    try {
      lines = Files.readAllLines(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Snippet> out = new ArrayList<>();
    String name = ROOT.relativize(doc).toString();
    for (int i = 0; i < lines.size(); i++) {
      String fence = lines.get(i).strip();
      if (!fence.startsWith("```") || fence.length() == 3) {
        continue;
      }
      int start = i;
      StringBuilder text = new StringBuilder();
      for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
        text.append(lines.get(i)).append('\n');
      }
      out.add(new Snippet(name, start + 1, fence.substring(3).strip(), text.toString(), notRun(lines, start)));
    }
    return out;
  }

  private static boolean notRun(List<String> lines, int fence) {
    int i = fence - 1;
    while (i >= 0 && lines.get(i).isBlank()) {
      i--;
    }
    return i >= 0 && lines.get(i).strip().equalsIgnoreCase("<!-- not run -->");
  }
}
