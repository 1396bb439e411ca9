package dev.dbtlens.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shop sample committed in {@code testdata/sample/shop} (one folder per invocation), read in
 * place, and JSON helpers that compute expected values from the artifacts themselves.
 */
final class Sample {
  static final String ENV = "default";
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Sample() {}

  static Path shop() {
    Path dir = Path.of("..", "testdata", "sample", "shop").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("the shop sample is expected at " + dir);
    }
    return dir;
  }

  /** @return the invocation folders, in order (001-build, 002-source-freshness, ...) */
  static List<Path> invocations() {
    try (Stream<Path> s = Files.list(shop())) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return a new in-memory database holding the whole sample in {@link #ENV} */
  static DbtLens lens() {
    return lens(invocations());
  }

  /** @return a new in-memory database holding those invocation folders in {@link #ENV} */
  static DbtLens lens(List<Path> folders) {
    DbtLens lens = DbtLens.inMemory();
    lens.ingest(IngestOptions.defaults(), new ArrayList<>(folders));
    return lens;
  }

  static JsonNode read(Path file) {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the latest manifest of the sample (greatest generated_at) */
  static JsonNode latestManifest() {
    JsonNode best = null;
    for (Path dir : invocations()) {
      Path m = dir.resolve("manifest.json");
      if (!Files.exists(m)) {
        continue;
      }
      JsonNode j = read(m);
      if (best == null || generatedAt(j).compareTo(generatedAt(best)) >= 0) {
        best = j;
      }
    }
    return best;
  }

  static String generatedAt(JsonNode artifact) {
    return artifact.at("/metadata/generated_at").asText();
  }
}
