package dev.dbtlens.cli.support;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/** How the user started dbtlens, to print commands they can paste. */
public final class Launcher {
  private Launcher() {}

  /**
   * @return {@code java -jar <jar>} with the jar relative to the current folder when beneath it,
   *     or {@code dbtlens} when not run from a jar
   */
  public static String command() {
    Path jar = jar();
    if (jar == null) {
      return "dbtlens";
    }
    Path cwd = Path.of("").toAbsolutePath();
    Path shown = jar.startsWith(cwd) ? cwd.relativize(jar) : jar;
    return "java -jar " + Shell.quote(shown.toString());
  }

  private static Path jar() {
    try {
      CodeSource source = Launcher.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return null;
      }
      Path path = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
      return path.toString().endsWith(".jar") ? path : null;
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return null;
    }
  }
}
