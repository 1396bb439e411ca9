package dev.dbtlens.cli;

import dev.dbtlens.DbtLens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code dbtlens --version}: the build's version, the SQL schema version and the Java runtime. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
        "dbtlens " + version(),
        "SQL schema version " + DbtLens.SCHEMA_VERSION,
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
  }

  static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "(unknown version)";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "(unknown version)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
