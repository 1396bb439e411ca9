package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL table macros upstream() and downstream() return exactly what the Java lineage does. */
class SqlLineageMacrosTest {

  @Test
  void macrosEqualJavaLineageForEveryModelOfALargeManifest() throws Exception {
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file("fivetran-dbt_ad_reporting/manifest-v7_dbt-1.3.0_316dd1fc/manifest.json"));
      Lineage lineage = lens.lineage("default");
      List<NodeId> models = lineage.nodes().stream().filter(n -> n.resourceType().equals("model")).toList();
      assertThat(models).hasSizeGreaterThan(100);
      try (Connection c = lens.connection()) {
        for (NodeId m : models.subList(0, 25)) {
          assertThat(ids(c, "SELECT unique_id FROM upstream(?) ORDER BY 1", m.value(), null))
              .as("upstream(%s)", m).isEqualTo(values(lineage.upstream(m, -1)));
          assertThat(ids(c, "SELECT unique_id FROM downstream(?) ORDER BY 1", m.value(), null))
              .as("downstream(%s)", m).isEqualTo(values(lineage.downstream(m, -1)));
          assertThat(ids(c, "SELECT unique_id FROM upstream(?, ?) ORDER BY 1", m.value(), 2))
              .as("upstream(%s, 2)", m).isEqualTo(values(lineage.upstream(m, 2)));
          assertThat(ids(c, "SELECT unique_id FROM downstream(?, ?) ORDER BY 1", m.value(), 1))
              .as("downstream(%s, 1)", m).isEqualTo(values(lineage.downstream(m, 1)));
        }
      }
    }
  }

  private static List<String> values(List<NodeId> ids) {
    return ids.stream().map(NodeId::value).sorted().toList();
  }

  private static List<String> ids(Connection c, String sql, String id, Integer depth) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      if (depth != null) {
        s.setInt(2, depth);
      }
      List<String> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
      return out;
    }
  }
}
