package dev.dbtlens.internal.columns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.internal.columns.ModelLineage.OutColumn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One hand-written SQL file per construct, its expected lineage written in its header. */
class ColumnFixturesTest {
  static final String DIR = "/dev/dbtlens/internal/columns/fixtures/";

  static Stream<String> fixtures() {
    return Stream.of("01_passthrough_rename", "02_cte_chain", "03_join_where", "04_aggregate_group_by",
        "05_window", "06_union", "07_subquery", "08_star_except", "09_star_exclude_qualified",
        "10_unknown_columns_source", "11_case_and_struct", "12_final_cte_and_blank_lines");
  }

  static Relations relations() {
    Relations r = new Relations();
    r.addRelation("model.p.orders", "\"db\".\"s\".\"orders\"");
    r.setColumns("model.p.orders", List.of("id", "customer_id", "amount", "status", "created_at"), true);
    r.addRelation("model.p.customers", "\"db\".\"s\".\"customers\"");
    r.setColumns("model.p.customers", List.of("ID", "NAME", "EMAIL"), true);
    r.addRelation("source.p.raw.events", "raw.events");
    return r;
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void lineageAsWrittenInTheFixture(String name) throws IOException {
    String sql;
    try (InputStream in = getClass().getResourceAsStream(DIR + name + ".sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> expectedCols = new ArrayList<>();
    List<String> expectedFilters = new ArrayList<>();
    for (String line : sql.split("\n")) {
      if (line.startsWith("-- expect: ")) {
        expectedCols.add(normal(line.substring("-- expect: ".length())));
      } else if (line.startsWith("-- filter: ")) {
        expectedFilters.add(line.substring("-- filter: ".length()).strip());
      }
    }
    ModelLineage l = new Analyzer(relations(), List.of()).analyze(sql);
    assertThat(l.errorCategory()).as(l.error()).isNull();
    List<String> actualCols = l.columns().stream().map(ColumnFixturesTest::render).toList();
    assertThat(actualCols).containsExactlyElementsOf(expectedCols);
    assertThat(l.filters().stream().map(f -> f.origin().node() + "." + f.origin().column() + " " + f.kind()))
        .containsExactlyInAnyOrderElementsOf(expectedFilters);
    assertThat(l.columns()).allSatisfy(c -> assertThat(c.errorCategory()).as(c.error()).isNull());
  }

  static String render(OutColumn c) {
    List<String> parents = c.parents().stream().map(o -> o.node() + "." + o.column()).sorted().toList();
    return (c.name() + " " + c.transformationType() + " <- " + String.join(", ", parents)).strip();
  }

  static String normal(String expect) {
    int arrow = expect.indexOf("<-");
    String head = expect.substring(0, arrow + 2);
    List<String> parents = Arrays.stream(expect.substring(arrow + 2).split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).sorted().toList();
    return (head + " " + String.join(", ", parents)).strip();
  }
}
