package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.testdata.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last attempt and last success materialised at ingest (store.current_execution) are what
 * ranking the public run_results view's builds gives, on the sample and on Tuva's nine invocations
 * ingested in reverse order.
 */
class CurrentExecutionTest {
  /** The ranking over the public view, written independently of the ingest's own SQL. */
  private static final String FROM_VIEW = """
      WITH builds AS (
        SELECT * FROM run_results
        WHERE command IS NULL OR command IN ('build', 'run', 'seed', 'snapshot', 'test', 'retry')),
      a AS (SELECT 'attempt' AS kind, environment, unique_id, invocation_id, status, execution_time FROM builds
            QUALIFY row_number() OVER (PARTITION BY environment, unique_id
                                       ORDER BY generated_at DESC, result_index DESC) = 1),
      s AS (SELECT 'success' AS kind, environment, unique_id, invocation_id, status, execution_time FROM builds
            WHERE status IN ('success', 'pass')
            QUALIFY row_number() OVER (PARTITION BY environment, unique_id
                                       ORDER BY generated_at DESC, result_index DESC) = 1)
      SELECT * FROM a UNION ALL SELECT * FROM s ORDER BY ALL""";
  private static final String STORED = """
      SELECT c.kind, c.environment, c.unique_id, c.invocation_id, c.status, c.execution_time
      FROM store.current_execution c ORDER BY ALL""";

  @TempDir Path tmp;

  @Test
  void sampleExecutionsMatchTheViewAndCarryRunIds() throws SQLException {
    try (DbtLens lens = DbtLens.inMemory(); Connection c = lens.connection()) {
      lens.ingest(IngestOptions.defaults(), List.of(Samples.extractShopSample(tmp)));
      List<String> stored = rows(c, STORED);
      assertThat(stored).hasSize(165 + 164).isEqualTo(rows(c, FROM_VIEW));
      assertThat(rows(c, "SELECT count(*) FROM store.current_execution e JOIN invocations i"
          + " USING (environment, invocation_id) WHERE e.run_id = i.run_id AND e.job_id = i.job_id"
          + " AND e.job = i.job")).containsExactly(String.valueOf(165 + 164));
    }
  }

  @Test
  void tuvaInReverseOrderMatchesTheView() throws IOException, SQLException {
    List<Path> folders;
    try (Stream<Path> list = Files.list(SharedArtifacts.file("tuva"))) {
      folders = new ArrayList<>(list.filter(Files::isDirectory).sorted().toList());
    }
    Collections.reverse(folders);
    try (DbtLens lens = DbtLens.inMemory(); Connection c = lens.connection()) {
      for (Path folder : folders) {
        lens.ingest(IngestOptions.defaults().withEnvironment("tuva"), List.of(folder));
      }
      List<String> stored = rows(c, STORED);
      assertThat(stored).isNotEmpty().isEqualTo(rows(c, FROM_VIEW));
    }
  }

  /**
   * A later file of an invocation whose builds are already current (here its catalog, labelled
   * with a job) changes the label of every execution of that invocation: the ingest recomputes
   * all executions rather than ranking the new rows against the current ones they tie with.
   */
  @Test
  void aLaterFileOfTheCurrentBuildRelabelsItsExecutions() throws SQLException {
    Path build = Samples.extractShopSample(tmp.resolve("sample")).resolve("003-build");
    String executions = "SELECT kind, unique_id, invocation_id, status, execution_time, job, run_id"
        + " FROM store.current_execution ORDER BY ALL";
    try (DbtLens stepwise = DbtLens.inMemory(); Connection c = stepwise.connection();
        DbtLens once = DbtLens.inMemory(); Connection o = once.connection()) {
      stepwise.ingest(IngestOptions.defaults(),
          List.of(build.resolve("manifest.json"), build.resolve("run_results.json")));
      assertThat(rows(c, "SELECT DISTINCT job FROM store.current_execution")).containsExactly("build");
      stepwise.ingest(IngestOptions.defaults().withJob("nightly"), List.of(build.resolve("catalog.json")));
      once.ingest(IngestOptions.defaults().withJob("nightly"), List.of(build));

      // 003's run results: 164 results, 140 of them success or pass (jq)
      assertThat(rows(c, "SELECT kind, job, count(*) FROM store.current_execution GROUP BY ALL ORDER BY ALL"))
          .containsExactly("attempt | nightly | 164", "success | nightly | 140");
      assertThat(rows(c, executions)).isEqualTo(rows(o, executions));
      assertThat(rows(c, "SELECT count(*) FROM store.current_execution e JOIN invocations i"
          + " USING (environment, invocation_id) WHERE e.job = i.job AND e.run_id = i.run_id"))
          .containsExactly("304");
    }
  }

  /** @return each row of the query, its cells joined by {@code " | "} (also used by IncrementalCurrentStateTest) */
  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(r.getString(i));
        }
        out.add(String.join(" | ", cells));
      }
    }
    return out;
  }
}
