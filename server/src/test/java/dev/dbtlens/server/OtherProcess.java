package dev.dbtlens.server;

import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.StorageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process writing the database, as {@code dbtlens ingest} would: a JVM on the test class
 * path. {@code ingest FILE ENV FOLDER} ingests a folder into an environment, retrying the open for
 * up to 30 s while a reader holds the file (DuckDB does not wait for a lock), and says after how
 * many attempts; {@code hold FILE MS} opens the file for writing, says {@code holding}, and closes it
 * after MS milliseconds.
 */
public final class OtherProcess {
  private OtherProcess() {}

  public static void main(String[] args) throws InterruptedException {
    Path db = Path.of(args[1]);
    if (args[0].equals("ingest")) {
      int[] attempts = {0};
      try (DbtLens lens = openForWriting(db, attempts)) {
        lens.ingest(IngestOptions.defaults().withEnvironment(args[2]), List.of(Path.of(args[3])));
      }
      System.out.println("ingested after " + attempts[0] + " attempts to open");
    } else {
      try (DbtLens lens = DbtLens.open(db)) {
        System.out.println("holding");
        System.out.flush();
        Thread.sleep(Long.parseLong(args[2]));
      }
      System.out.println("released");
    }
  }

  private static DbtLens openForWriting(Path db, int[] attempts) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      attempts[0]++;
      try {
        return DbtLens.open(db);
      } catch (StorageException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  /** Starts {@code OtherProcess} with these arguments; its stderr goes to this process's. */
  static Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OtherProcess.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** @return the process's next line of output, read within 60 s */
  static String readLine(Process p) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    return r.readLine();
  }

  /** Waits up to 60 s for the process to end. */
  static int await(Process p) throws InterruptedException {
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the other process did not finish within 60 s");
    }
    return p.exitValue();
  }
}
