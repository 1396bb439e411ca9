package dev.dbtlens.benchmarks;

import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.IngestReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A diagnostic, not a benchmark: ingests files into a new database file through the public API,
 * optionally after applying DuckDB settings through {@code lens.connection()} (settings such as
 * {@code memory_limit} are global to the database instance), and prints the wall time. Run under
 * {@code /usr/bin/time -v} to see what a setting does to peak RSS, e.g.
 *
 * <pre>
 * /usr/bin/time -v java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.dbtlens.benchmarks.IngestProbe \
 *   --db /tmp/probe.duckdb --set "memory_limit='512MB'" path/to/manifest.json
 * </pre>
 */
public final class IngestProbe {
  private IngestProbe() {}

  public static void main(String[] args) throws SQLException {
    Path db = null;
    List<String> settings = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--db" -> db = Path.of(args[++i]);
        case "--set" -> settings.add(args[++i]);
        default -> files.add(Path.of(args[i]));
      }
    }
    if (db == null || files.isEmpty()) {
      System.err.println("usage: IngestProbe --db FILE [--set \"name=value\"]... ARTIFACT...");
      System.exit(2);
    }
    DbtLens lens = DbtLens.open(db);
    try {
      try (Connection c = lens.connection(); Statement s = c.createStatement()) {
        for (String setting : settings) {
          s.execute("SET " + setting);
          System.out.println("SET " + setting);
        }
      }
      long start = System.nanoTime();
      IngestReport report = lens.ingest(IngestOptions.defaults().withEnvironment("bench"), files);
      long ingest = System.nanoTime() - start;
      System.out.printf("ingest: %.1f s, %d definitions added%n", ingest / 1e9, report.definitionsAdded());
    } finally {
      long start = System.nanoTime();
      lens.close();
      System.out.printf("close (checkpoint): %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
  }
}
