package dev.dbtlens.benchmarks;

import dev.dbtlens.IngestOptions;
import dev.dbtlens.IngestReport;
import dev.dbtlens.internal.alerts.AlertRules;
import dev.dbtlens.internal.columns.ColumnIngest;
import dev.dbtlens.internal.ingest.Ingester;
import dev.dbtlens.internal.recommend.Evaluator;
import dev.dbtlens.internal.select.LineageAccess;
import dev.dbtlens.internal.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Times each step of {@code DbtLens.ingest} apart (the transaction with its current-state refresh,
 * then the post-commit column lineage, recommendations and alerts), for a sequence of manifests
 * ingested into one database file, each in a thread of its own ({@code step-1}, ...) so that a JFR
 * recording can be split per ingest with {@code jfr-top.py --thread step-2}. Uses internal classes:
 * a measuring tool, not part of the benchmarks.
 *
 * <pre>
 * javac -cp benchmarks/target/benchmarks.jar -d /tmp/steps benchmarks/scripts/IngestSteps.java
 * M=/tmp/dbtlens-bench/project-m10000-i1-s7/001-build/manifest.json
 * # the re-ingest inputs of IngestBenchmark: an unchanged copy, and one with 1% of nodes changed
 * java -cp /tmp/steps:benchmarks/target/benchmarks.jar dev.dbtlens.benchmarks.IngestSteps prep $M /tmp/u/manifest.json /tmp/c/manifest.json
 * java -Xms2g -Xmx2g -cp /tmp/steps:benchmarks/target/benchmarks.jar dev.dbtlens.benchmarks.IngestSteps \
 *     /tmp/steps.duckdb $M /tmp/u/manifest.json /tmp/c/manifest.json
 * </pre>
 */
public final class IngestSteps {
  private IngestSteps() {}

  public static void main(String[] a) throws Exception {
    if (a[0].equals("prep")) {
      Path orig = Path.of(a[1]);
      Files.createDirectories(Path.of(a[2]).toAbsolutePath().getParent());
      BenchData.rewrite(orig, Path.of(a[2]), BenchData.invocationId("reingest", 1),
          Instant.parse("2027-01-01T00:00:00Z"), null);
      long changed = IngestBenchmark.changeOnePercent(orig, Path.of(a[3]), BenchData.invocationId("changed", 1),
          Instant.parse("2027-01-02T00:00:00Z"));
      System.out.println(changed + " nodes changed");
      return;
    }
    Path db = Path.of(a[0]);
    Files.deleteIfExists(db);
    for (int i = 1; i < a.length; i++) {
      String file = a[i];
      Thread t = new Thread(() -> {
        try {
          run(db, file);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "step-" + i);
      t.start();
      t.join();
    }
  }

  static void run(Path db, String file) throws Exception {
    try (Store store = Store.open(db, false)) {
      long t0 = System.nanoTime();
      IngestReport r;
      try (Store.Restore one = store.ingestThreads()) {
        r = new Ingester(store).ingest(IngestOptions.defaults().withEnvironment("bench"), List.of(Path.of(file)));
      }
      long t1 = System.nanoTime();
      ColumnIngest.Outcome o = ColumnIngest.refresh(store, "bench",
          Math.max(1, Runtime.getRuntime().availableProcessors()));
      long t2 = System.nanoTime();
      boolean m = new Evaluator(store, new LineageAccess(store)).materialise("bench");
      long t3 = System.nanoTime();
      try (var c = store.duplicate()) {
        AlertRules.derive(c, "bench", null, "ingest");
      }
      long t4 = System.nanoTime();
      System.out.printf("%s: ingester %d ms (defs %d), columns %d ms (%s), recs %d ms (%s), alerts %d ms%n",
          file, (t1 - t0) / 1_000_000, r.definitionsAdded(), (t2 - t1) / 1_000_000, o, (t3 - t2) / 1_000_000, m,
          (t4 - t3) / 1_000_000);
    }
  }
}
