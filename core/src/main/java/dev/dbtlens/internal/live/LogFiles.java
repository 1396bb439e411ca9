package dev.dbtlens.internal.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds dbt JSON log files among the paths given to an ingest: files named {@code dbt.log}, {@code
 * dbt.log.N} (rotated), {@code *.log}, {@code *.jsonl} or {@code *.ndjson} whose first lines hold a
 * JSON log event. Text-format logs are passed over. The rest of the paths go to the artifact ingest.
 */
public final class LogFiles {
  /** How many leading lines are searched for a JSON event before a file is taken as text. */
  private static final int PROBE_LINES = 200;

  private LogFiles() { }

  /**
   * @param artifacts paths for the artifact ingest: files that are not logs, and folders that hold
   *     something other than JSON logs (a folder with neither artifacts nor JSON logs stays here,
   *     for the artifact ingest's error)
   * @param logs JSON log files, oldest first
   */
  public record Split(List<Path> artifacts, List<Path> logs) { }

  /**
   * @param paths files and folders, as given to an ingest
   * @return the paths split into artifacts and JSON log files
   */
  public static Split split(List<Path> paths) {
    List<Path> artifacts = new ArrayList<>();
    Set<Path> logs = new LinkedHashSet<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        boolean other = false;
        boolean anyLog = false;
        try (Stream<Path> walk = Files.walk(path)) {
          for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
            if (namedLikeLog(p)) {
              if (isJsonLog(p)) {
                anyLog = true;
                logs.add(p.toAbsolutePath().normalize());
              }
            } else if (namedLikeArtifact(p)) {
              other = true;
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("listing " + path, e);
        }
        if (other || !anyLog) {
          artifacts.add(path);
        }
      } else if (Files.isRegularFile(path) && namedLikeLog(path) && isJsonLog(path)) {
        logs.add(path.toAbsolutePath().normalize());
      } else {
        artifacts.add(path);
      }
    }
    List<Path> ordered = new ArrayList<>(logs);
    ordered.sort(Comparator.comparing(LogFiles::firstEventTime,
        Comparator.nullsLast(Comparator.naturalOrder())));
    return new Split(artifacts, ordered);
  }

  static boolean namedLikeLog(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".log") || name.matches(".*\\.log\\.\\d+") || name.endsWith(".jsonl")
        || name.endsWith(".ndjson");
  }

  private static boolean namedLikeArtifact(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") || name.endsWith(".json.gz");
  }

  /** @return true when one of the file's first lines is a JSON log event */
  public static boolean isJsonLog(Path file) {
    return firstEvent(file) != null;
  }

  private static LogLine firstEvent(Path file) {
    try (BufferedReader r = open(file)) {
      String line;
      for (int i = 0; i < PROBE_LINES && (line = r.readLine()) != null; i++) {
        LogLine e = LogLine.parse(line);
        if (e != null) {
          return e;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  private static LocalDateTime firstEventTime(Path file) {
    LogLine e = firstEvent(file);
    return e == null ? null : e.ts();
  }

  /**
   * @param file a log file
   * @return a reader of its lines that replaces malformed UTF-8 instead of failing
   * @throws IOException if it cannot be opened
   */
  public static BufferedReader open(Path file) throws IOException {
    return new BufferedReader(new InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)));
  }
}
