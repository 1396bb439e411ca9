package dev.dbtlens;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process that opens a database for writing and holds it for a while, as a running ingest
 * would. Shared with the CLI's tests through core's test jar.
 */
public final class LockHolder implements AutoCloseable {
  private final Process process;

  private LockHolder(Process process) {
    this.process = process;
  }

  /** Starts the other process and returns once it holds the lock. */
  public static LockHolder hold(Path db, double seconds) throws IOException {
    String cp = String.join(File.pathSeparator, List.of(System.getProperty("java.class.path", ""),
        System.getProperty("jdk.module.path", "")));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", cp, LockHolder.class.getName(), db.toString(), String.valueOf(seconds)));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
    if (!"locked".equals(line)) {
      p.destroyForcibly();
      throw new IllegalStateException("the lock holder did not start: " + line);
    }
    return new LockHolder(p);
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  public static void main(String[] args) throws InterruptedException {
    try (DbtLens lens = DbtLens.open(Path.of(args[0]))) {
      System.out.println("locked");
      System.out.flush();
      Thread.sleep((long) (Double.parseDouble(args[1]) * 1000));
    }
  }
}
