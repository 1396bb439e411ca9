package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java example compiles and runs: it is taken from README.md, its two paths pointed
 * at a temporary database and the bundled sample, compiled with the JDK's compiler and executed.
 */
class ReadmeExampleTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void theJavaApiExampleCompilesAndRuns() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher m = JAVA_BLOCK.matcher(readme);
    assertThat(m.find()).as("a ```java block in README.md").isTrue();
    Path sample = Fixtures.sample(dir.resolve("sample"));
    String body = m.group(1)
        .replace("Path.of(\"lens.duckdb\")", "Path.of(\"" + dir.resolve("lens.duckdb").toString().replace("\\", "\\\\") + "\")")
        .replace("Path.of(\"target\")", "Path.of(\"" + sample.toString().replace("\\", "\\\\") + "\")")
        .replace("\"prod\"", "\"default\"")
        .replace("IngestOptions.defaults().withEnvironment(\"default\")", "IngestOptions.defaults()");
    String source = """
        import dev.dbtlens.*;
        import java.nio.file.Path;
        import java.sql.Connection;
        import java.time.Instant;
        import java.util.List;
        public class ReadmeExample {
          public static void main(String[] args) throws Exception {
        %s
          }
        }
        """.formatted(body);
    Path src = dir.resolve("ReadmeExample.java");
    Files.writeString(src, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean ok = javac.getTask(errors, null, null,
        List.of("-d", dir.toString(), "-cp", System.getProperty("java.class.path")), null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(src)).call();
    assertThat(ok).as("README example compiles:\n%s\n%s", errors, source).isTrue();
    try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
        getClass().getClassLoader())) {
      loader.loadClass("ReadmeExample").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    }
    assertThat(dir.resolve("lens.duckdb")).exists();
  }
}
