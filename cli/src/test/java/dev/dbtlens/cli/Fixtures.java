package dev.dbtlens.cli;

import dev.dbtlens.testdata.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The bundled sample, extracted once per test class, and the malformed fixtures. */
final class Fixtures {
  /** The malformed artifacts, in the testdata module; tests run with the cli module as cwd. */
  static final Path MALFORMED = Path.of("..", "testdata", "malformed");

  private Fixtures() {}

  /** @return the sample's folder (one sub-folder per dbt invocation) under {@code dir} */
  static Path sample(Path dir) {
    return Samples.extractShopSample(dir);
  }

  /** @return the sample's invocation folders, sorted by name */
  static List<Path> invocationFolders(Path sample) {
    try (Stream<Path> list = Files.list(sample)) {
      return list.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return every artifact file of the sample */
  static List<Path> artifactFiles(Path sample) {
    try (Stream<Path> walk = Files.walk(sample)) {
      return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json")).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return a malformed fixture, failing when it is missing */
  static Path malformed(String name) {
    Path file = MALFORMED.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("missing fixture " + file.toAbsolutePath().normalize()
          + " (the testdata module provides it)");
    }
    return file;
  }
}
