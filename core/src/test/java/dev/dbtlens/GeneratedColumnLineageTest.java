package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.testdata.ProjectGenerator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column lineage of a generated project of 400 models whose SQL the generator writes with planted column lineage
 * ({@code Options.plantColumnLineage}): the {@code column_edges} computed at ingest equal the planted edges exactly
 * (every column of every staging, intermediate, dimension and fact model, through CTEs, stars expanded with the
 * catalog, joins, the inlined ephemeral model, surrogate keys and renames).
 */
class GeneratedColumnLineageTest {
  @TempDir
  static Path tmp;
  private static DbtLens lens;
  private static JsonNode planted;

  @BeforeAll
  static void generate() throws Exception {
    Path project = tmp.resolve("planted");
    ProjectGenerator.generate(new ProjectGenerator.Options(400, 5, 13).withPlantedColumnLineage(true), project);
    planted = new ObjectMapper().readTree(project.resolve(ProjectGenerator.Options.COLUMN_LINEAGE_FILE).toFile());
    List<Path> folders = new ArrayList<>();
    for (String f : List.of("001-build", "002-source-freshness", "003-build", "004-test", "005-run")) {
      folders.add(project.resolve(f));
    }
    lens = DbtLens.inMemory();
    lens.ingest(IngestOptions.defaults(), folders);
  }

  @AfterAll
  static void close() {
    lens.close();
  }

  @Test
  void computedEdgesEqualThePlantedOnes() throws Exception {
    Set<String> expected = new TreeSet<>();
    Set<String> nodes = new TreeSet<>();
    for (JsonNode e : planted) {
      nodes.add(e.path("unique_id").asText());
      expected.add(edge(e.path("unique_id").asText(), e.path("column_name").asText(),
          e.path("parent_unique_id").isNull() ? null : e.path("parent_unique_id").asText(),
          e.path("parent_column").isNull() ? null : e.path("parent_column").asText(),
          e.path("transformation_type").asText()));
    }
    Set<String> actual = new TreeSet<>();
    List<String> errors = new ArrayList<>();
    try (Connection c = lens.connection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT unique_id, column_name, parent_unique_id, parent_column,"
            + " transformation_type, is_error, error FROM column_edges WHERE environment = 'default'")) {
      while (r.next()) {
        if (nodes.contains(r.getString(1))) {
          actual.add(edge(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
          if (r.getBoolean(6)) {
            errors.add(r.getString(1) + "." + r.getString(2) + ": " + r.getString(7));
          }
        }
      }
    }
    assertThat(nodes).hasSizeGreaterThan(300);
    assertThat(expected).hasSizeGreaterThan(3_000);
    assertThat(errors).isEmpty();
    assertThat(new TreeSet<>(missing(expected, actual))).as("planted edges not computed").isEmpty();
    assertThat(new TreeSet<>(missing(actual, expected))).as("computed edges not planted").isEmpty();
  }

  private static List<String> missing(Set<String> a, Set<String> b) {
    return a.stream().filter(x -> !b.contains(x)).limit(30).toList();
  }

  private static String edge(String node, String column, String parent, String parentColumn, String type) {
    return node + "." + column + " <- " + parent + "." + parentColumn + " " + type;
  }
}
