package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command and snippet of README.md and docs/*.md runs as written, so the docs cannot drift
 * from the program. Blocks are discovered, not listed, so new ones are covered:
 *
 * <ul>
 *   <li>{@code ```sh}: each line that calls {@code dbtlens} (or {@code java -jar
 *       cli/target/dbtlens.jar}) runs in-process through {@code Main.run} and must exit 0, or the
 *       code its comment names ({@code # exit 1}). Other programs (mvn, duckdb) are skipped; {@code
 *       echo ... |} feeds stdin, {@code echo ... > FILE} writes a file, {@code > FILE} keeps stdout.
 *       Every {@code *.duckdb} is a copy of the bundled sample (environment {@code default}), a
 *       {@code target} folder is the sample's folder, other relative files live in a scratch folder.
 *   <li>{@code ```sql}: runs over JDBC against the sample database, statement by statement;
 *       {@code COPY ... TO} writes into the scratch folder.
 *   <li>{@code ```java}: compiles as a method body with the API's imports.
 * </ul>
 *
 * A block that is not meant to run is marked by {@code <!-- not run -->} on the line above it.
 */
class DocsSnippetsTest {
  private static final Pattern EXIT = Pattern.compile("\\bexits? (\\d+)");
  private static final Pattern FILE_ARG = Pattern.compile("[^:{}\\s]+\\.(duckdb|json|graphql|sql|ya?ml|csv|gz)");
  private static final Pattern COPY_TARGET = Pattern.compile("(?i)(\\bTO\\s+)'([^']+)'");
  private static final String IMPORTS = """
      import dev.dbtlens.*;
      import dev.dbtlens.graphql.*;
      import dev.dbtlens.server.*;
      import java.nio.file.*;
      import java.sql.*;
      import java.time.*;
      import java.util.*;
      """;

  @TempDir static Path tmp;
  static Path sample;
  static Path sampleDb;

  @BeforeAll
  static void sampleDatabase() {
    sample = Fixtures.sample(tmp.resolve("sample"));
    sampleDb = tmp.resolve("sample.duckdb");
    try (DbtLens lens = DbtLens.open(sampleDb)) {
      lens.ingest(IngestOptions.defaults(), List.of(sample));
    }
  }

  @Test
  void theDocsHaveSnippetsToRun() {
    long commands = DocSnippets.all("sh").stream().filter(s -> !s.notRun())
        .flatMap(s -> ShellLine.parse(s.text()).stream()).filter(l -> l.commands().stream().anyMatch(c -> dbtlensArgs(c) != null))
        .count();
    assertThat(commands).as("dbtlens command lines in README.md and docs/*.md").isGreaterThanOrEqualTo(10);
    assertThat(DocSnippets.all("sql")).as("sql blocks").hasSizeGreaterThanOrEqualTo(15);
    assertThat(DocSnippets.all("java")).as("java blocks").hasSizeGreaterThanOrEqualTo(5);
  }

  @TestFactory
  Stream<DynamicTest> everyCommandRuns() {
    return DocSnippets.all("sh").stream().filter(s -> !s.notRun())
        .map(s -> DynamicTest.dynamicTest(s.toString(), () -> runShell(s)));
  }

  @TestFactory
  Stream<DynamicTest> everySqlBlockRuns() {
    return DocSnippets.all("sql").stream().filter(s -> !s.notRun())
        .map(s -> DynamicTest.dynamicTest(s.toString(), () -> runSql(s)));
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompiles() {
    return DocSnippets.all("java").stream().filter(s -> !s.notRun())
        .map(s -> DynamicTest.dynamicTest(s.toString(), () -> compile(s)));
  }

  private void runShell(DocSnippets.Snippet snippet) throws Exception {
    Path work = Files.createTempDirectory(tmp, "sh");
    for (ShellLine line : ShellLine.parse(snippet.text())) {
      String stdin = null;
      for (int c = 0; c < line.commands().size(); c++) {
        List<String> words = line.commands().get(c);
        String op = c < line.operators().size() ? line.operators().get(c) : "";
        if (c > 0 && line.operators().get(c - 1).equals(">")) {
          continue; // the file name after >
        }
        String target = c + 1 < line.commands().size() && op.equals(">") ? line.commands().get(c + 1).get(0) : null;
        if (!words.isEmpty() && words.get(0).equals("echo")) {
          String text = String.join(" ", words.subList(1, words.size())) + "\n";
          if (target != null) {
            Files.writeString(work.resolve(target), text);
          }
          stdin = op.equals("|") ? text : null;
          continue;
        }
        List<String> args = dbtlensArgs(words);
        if (args == null) {
          continue; // another program (mvn, duckdb, python)
        }
        Cli.Result r = run(paths(args, work), stdin);
        stdin = null;
        int expected = expectedExit(line.comment());
        assertThat(r.exit()).as("%s: %s%nstdout: %s%nstderr: %s", snippet, String.join(" ", words), r.out(), r.err())
            .isEqualTo(expected);
        if (target != null) {
          Files.writeString(work.resolve(target), r.out());
        }
      }
    }
  }

  /** @return the arguments after {@code dbtlens} or {@code java -jar .../dbtlens.jar}; null for other programs */
  static List<String> dbtlensArgs(List<String> words) {
    if (!words.isEmpty() && words.get(0).equals("dbtlens")) {
      return words.subList(1, words.size());
    }
    if (words.size() >= 3 && words.get(0).equals("java") && words.get(1).equals("-jar")
        && words.get(2).endsWith("dbtlens.jar")) {
      return words.subList(3, words.size());
    }
    return null;
  }

  private static int expectedExit(String comment) {
    Matcher m = EXIT.matcher(comment);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** Databases become copies of the sample, target folders the sample, other files live in {@code work}. */
  private static List<String> paths(List<String> args, Path work) throws Exception {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      boolean outDir = i > 0 && args.get(i - 1).equals("--out");
      if (a.matches("(.*/)?target/?") && !outDir) {
        out.add(sample.toString());
      } else if (outDir || (!a.startsWith("-") && FILE_ARG.matcher(a).matches())) {
        Path p = work.resolve(a);
        if (a.endsWith(".duckdb") && !Files.exists(p)) {
          Files.createDirectories(p.getParent());
          Files.copy(sampleDb, p);
        }
        out.add(p.toString());
      } else {
        out.add(a);
      }
    }
    if (!out.isEmpty() && out.get(0).equals("demo") && !out.contains("--db")) {
      out.addAll(List.of("--db", work.resolve("dbtlens-demo.duckdb").toString()));
    }
    return out;
  }

  private static Cli.Result run(List<String> args, String stdin) {
    InputStream before = System.in;
    try {
      if (stdin != null) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      }
      return Cli.run(args.toArray(String[]::new));
    } finally {
      System.setIn(before);
    }
  }

  private void runSql(DocSnippets.Snippet snippet) throws Exception {
    Path work = Files.createTempDirectory(tmp, "sql");
    try (DbtLens lens = DbtLens.openReadOnly(sampleDb);
        Connection c = lens.connection();
        Statement s = c.createStatement()) {
      for (String statement : snippet.text().split(";\\s*(\\n|$)")) {
        if (statement.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
          continue;
        }
        String sql = COPY_TARGET.matcher(statement).replaceFirst(
            "$1'" + Matcher.quoteReplacement(work.toString().replace("'", "''")) + "/$2'");
        s.execute(sql);
      }
    }
  }

  private void compile(DocSnippets.Snippet snippet) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "java");
    String source = IMPORTS + "public class Snippet {\n  public static void main(String[] args) throws Exception {\n"
        + snippet.text() + "\n  }\n}\n";
    Path src = dir.resolve("Snippet.java");
    Files.writeString(src, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean ok = javac.getTask(errors, null, null,
        List.of("-d", dir.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none"), null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(src)).call();
    assertThat(ok).as("%s compiles (mark it <!-- not run --> if it is not meant to):%n%s", snippet, errors).isTrue();
  }
}
