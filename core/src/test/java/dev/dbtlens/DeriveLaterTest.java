package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbtlens.testdata.ProjectGenerator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest told not to derive ({@link IngestOptions#withDerive}) commits the artifacts and nothing
 * derived from them; {@link DbtLens#derive} afterwards gives what an ingest that derives gives: the
 * same column edges, recommendations and alerts. Two databases ingest one generated project of five
 * invocations, one deriving and one not.
 */
class DeriveLaterTest {
  @TempDir
  static Path tmp;
  private static DbtLens derived;
  private static DbtLens later;
  private static IngestReport derivedReport;
  private static IngestReport laterReport;
  private static List<String> laterBeforeDerive;

  @BeforeAll
  static void ingest() throws Exception {
    Path project = tmp.resolve("project");
    ProjectGenerator.generate(new ProjectGenerator.Options(150, 5, 21).withPlantedColumnLineage(true), project);
    List<Path> folders = new ArrayList<>();
    for (String f : List.of("001-build", "002-source-freshness", "003-build", "004-test", "005-run")) {
      folders.add(project.resolve(f));
    }
    derived = DbtLens.inMemory();
    derivedReport = derived.ingest(IngestOptions.defaults(), folders);
    later = DbtLens.inMemory();
    laterReport = later.ingest(IngestOptions.defaults().withDerive(false), folders);
    laterBeforeDerive = rows(later, "SELECT (SELECT count(*) FROM column_edges),"
        + " (SELECT count(*) FROM recommendations), (SELECT count(*) FROM nodes)");
  }

  @AfterAll
  static void close() {
    derived.close();
    later.close();
  }

  @Test
  void withoutDerivingTheArtifactsAreCommittedAndNothingDerived() throws Exception {
    assertThat(laterReport.definitionsAdded()).isEqualTo(derivedReport.definitionsAdded()).isPositive();
    assertThat(laterReport.runResultsAdded()).isEqualTo(derivedReport.runResultsAdded()).isPositive();
    long nodes = count(derived, "SELECT count(*) FROM nodes");
    assertThat(nodes).isGreaterThan(150);
    assertThat(laterBeforeDerive).as("column edges, recommendations, nodes").containsExactly("0|0|" + nodes + "|");
    assertThat(laterReport.alerts()).isEmpty();
  }

  @Test
  void deriveAfterwardsGivesWhatAnIngestThatDerivesGives() throws Exception {
    List<String> steps = new ArrayList<>();
    List<Alert> alerts = later.derive("default", new ProgressListener() {
      @Override
      public void onProgress(Path file, long bytesRead, long totalBytes) {}

      @Override
      public void onStep(String step) {
        steps.add(step);
      }
    });
    assertThat(steps).containsExactly("column lineage", "recommendations", "alerts");
    String edges = "SELECT count(*), count(DISTINCT unique_id) FILTER (WHERE NOT is_error) FROM column_edges";
    assertThat(count(derived, "SELECT count(*) FROM column_edges")).isGreaterThan(1_000);
    assertThat(rows(later, edges)).isEqualTo(rows(derived, edges));
    String recs = "SELECT rule_name, unique_id, violation_id FROM recommendations ORDER BY ALL";
    assertThat(rows(derived, recs)).isNotEmpty();
    assertThat(rows(later, recs)).isEqualTo(rows(derived, recs));
    assertThat(alerts).hasSizeGreaterThan(10).extracting(Alert::kind, Alert::uniqueId)
        .containsExactlyInAnyOrderElementsOf(derivedReport.alerts().stream().map(a -> org.assertj.core.groups.Tuple.tuple(a.kind(),
            a.uniqueId())).toList());
    assertThat(later.derive("default", ProgressListener.NONE)).as("a second derive adds nothing").isEmpty();
  }

  @Test
  void deriveNamesAnUnknownEnvironment() {
    assertThatThrownBy(() -> later.derive("prod", ProgressListener.NONE))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("prod");
  }

  private static long count(DbtLens lens, String sql) throws Exception {
    return Long.parseLong(rows(lens, sql).get(0).split("\\|")[0]);
  }

  private static List<String> rows(DbtLens lens, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = lens.connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(r.getString(i)).append('|');
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
