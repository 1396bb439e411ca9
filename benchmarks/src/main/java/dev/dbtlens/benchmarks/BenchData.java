package dev.dbtlens.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.testdata.ProjectGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Inputs shared by the benchmarks: generated projects and prepared databases, cached under a data
 * folder so that forks and later runs reuse them. The folder is the system property {@code
 * dbtlens.bench.data}, else {@code ${java.io.tmpdir}/dbtlens-bench}. Each cached item is written
 * under a temporary name and renamed when complete, so an interrupted run never leaves a half item
 * that a later run would trust.
 */
final class BenchData {
  static final String DATA_PROPERTY = "dbtlens.bench.data";
  static final long SEED = 7L;
  static final JsonFactory JSON = JsonFactory.builder().build();

  private BenchData() {}

  /** @return the data folder, created if absent */
  static Path dataDir() {
    String configured = System.getProperty(DATA_PROPERTY);
    Path dir = configured == null || configured.isBlank()
        ? Path.of(System.getProperty("java.io.tmpdir"), "dbtlens-bench")
        : Path.of(configured);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("creating " + dir, e);
    }
  }

  /**
   * A generated project with the generator's standard history, cached.
   *
   * @return the folder holding one subfolder per invocation
   */
  static Path project(int models, int invocations) {
    return cached("project-m" + models + "-i" + invocations + "-s" + SEED,
        dir -> ProjectGenerator.generate(new ProjectGenerator.Options(models, invocations, SEED), dir));
  }

  /** @return the manifest of the first (build) invocation of a generated one-invocation project */
  static Path manifest(int models) {
    return project(models, 1).resolve("001-build").resolve("manifest.json");
  }

  /** @return the run_results of the first (build) invocation of a generated one-invocation project */
  static Path runResults(int models) {
    return project(models, 1).resolve("001-build").resolve("run_results.json");
  }

  /**
   * An item under the data folder built once by {@code builder} into a fresh temporary path (a
   * folder or a file) and renamed into place when complete.
   */
  static Path cached(String name, Consumer<Path> builder) {
    Path target = dataDir().resolve(name);
    if (Files.exists(target)) {
      return target;
    }
    Path partial = dataDir().resolve(name + ".partial");
    deleteRecursively(partial);
    long start = System.nanoTime();
    builder.accept(partial);
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("renaming " + partial, e);
    }
    log("prepared " + target + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    return target;
  }

  /**
   * A database file holding what {@code filler} ingests, cached like {@link #cached} under a name
   * that includes dbtlens' schema version. The database is filled through the public API and
   * closed (checkpointed) before it is renamed into place.
   */
  static Path database(String name, Consumer<DbtLens> filler) {
    return cached(name + "-v" + DbtLens.SCHEMA_VERSION + ".duckdb", file -> {
      deleteRecursively(Path.of(file + ".wal"));
      try (DbtLens lens = DbtLens.open(file)) {
        filler.accept(lens);
      }
    });
  }

  /** Ingests files into an environment, failing loudly if a file was skipped. */
  static void ingest(DbtLens lens, String environment, List<Path> files) {
    var report = lens.ingest(IngestOptions.defaults().withEnvironment(environment), files);
    if (report.skipped() > 0) {
      throw new IllegalStateException("expected every file to be ingested, " + report.skipped()
          + " skipped: " + report.artifacts());
    }
  }

  /**
   * Copies a dbt artifact token by token, rewriting {@code metadata.invocation_id} and {@code
   * metadata.generated_at}, and (when {@code jitter} is given) scaling each result's {@code
   * execution_time} by a random factor between 0.5 and 1.5. Everything else is copied as is, so an
   * unchanged manifest stays unchanged but is a different file with a different invocation.
   */
  static void rewrite(Path from, Path to, String invocationId, Instant generatedAt, SplittableRandom jitter) {
    try (JsonParser p = JSON.createParser(from.toFile());
        JsonGenerator g = JSON.createGenerator(to.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
      int depth = 0;
      boolean inMetadata = false;
      String field = null;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case START_OBJECT, START_ARRAY -> {
            if (depth == 1 && "metadata".equals(field)) {
              inMetadata = true;
            }
            depth++;
            g.copyCurrentEvent(p);
          }
          case END_OBJECT, END_ARRAY -> {
            depth--;
            if (depth == 1) {
              inMetadata = false;
            }
            g.copyCurrentEvent(p);
          }
          case FIELD_NAME -> {
            field = p.currentName();
            g.copyCurrentEvent(p);
          }
          case VALUE_STRING -> {
            if (inMetadata && depth == 2 && "invocation_id".equals(field)) {
              g.writeString(invocationId);
            } else if (inMetadata && depth == 2 && "generated_at".equals(field)) {
              g.writeString(generatedAt.toString());
            } else {
              g.copyCurrentEvent(p);
            }
          }
          case VALUE_NUMBER_FLOAT, VALUE_NUMBER_INT -> {
            if (jitter != null && depth == 3 && "execution_time".equals(field)) {
              g.writeNumber(p.getDoubleValue() * (0.5 + jitter.nextDouble()));
            } else {
              g.copyCurrentEvent(p);
            }
          }
          default -> g.copyCurrentEvent(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("rewriting " + from + " to " + to, e);
    }
  }

  /** A deterministic UUID-shaped invocation id. */
  static String invocationId(String prefix, int n) {
    return String.format("%08x-0000-4000-8000-%012d", prefix.hashCode(), n);
  }

  static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + path, e);
    }
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(dataDir(), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("creating a temporary folder", e);
    }
  }

  static void log(String message) {
    System.out.println("# dbtlens-bench: " + message);
  }
}
