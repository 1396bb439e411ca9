package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  private static final String SUMMARY_START = "Invocations in environment 'default':";

  @TempDir Path dir;

  @Test
  void printsTheSummaryAndIsIdempotent() {
    String db = dir.resolve("demo.duckdb").toString();

    Cli.Result first = Cli.run("demo", "--db", db);
    Cli.Result second = Cli.run("demo", "--db", db);

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.err()).isEmpty();
    assertThat(first.out()).contains(
        "added", SUMMARY_START, "Nodes by resource type", "Result statuses in the latest run",
        "Slowest models in the latest run of models", "Failing and warning tests",
        "Sources whose latest freshness check", "Models whose latest run errored", "Try next:",
        " sql --db " + db + " ");
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).contains("Nothing new for environment 'default'")
        .doesNotContain("\nadded ");
    assertThat(summary(second.out())).isEqualTo(summary(first.out()));
    assertThat(Cli.tableRows(summary(first.out())))
        .hasSize(Integer.parseInt(Cli.value(Path.of(db), "SELECT count(*) FROM invocations")));
  }

  private static String summary(String out) {
    return out.substring(out.indexOf(SUMMARY_START));
  }
}
