package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keyset pagination: every page walk sees every node exactly once, in the order asked for. */
class PaginationTest {
  @RegisterExtension static final SampleGraphQL SAMPLE = new SampleGraphQL();
  private static Oracle oracle;

  @BeforeAll
  static void setUp() {
    oracle = Oracle.of(Sample.invocations());
  }

  private static final String MODELS = """
      query ($first: Int, $after: String, $field: AppliedModelSortField!, $direction: SortDirection) {
        environment(id: "default") { applied {
          models(first: $first, after: $after, sort: {field: $field, direction: $direction}) {
            totalCount pageInfo { startCursor endCursor hasNextPage hasPreviousPage }
            edges { cursor node { uniqueId executionInfo { executionTime executeCompletedAt }
                                  catalog { rowCountStat } } } } } } }""";

  @ParameterizedTest(name = "{0} {1}, pages of {2}")
  @CsvSource({"uniqueId,asc,7", "uniqueId,desc,7", "executionTime,desc,6", "executionTime,asc,50",
      "rowCount,desc,9", "executeCompletedAt,desc,1", "executeCompletedAt,asc,11"})
  void walksEveryModelOnce(String field, String direction, int first) {
    List<JsonNode> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    int total = -1;
    while (true) {
      Map<String, Object> vars = new HashMap<>();
      vars.put("first", first);
      vars.put("after", after);
      vars.put("field", field);
      vars.put("direction", direction);
      JsonNode conn = Gql.data(SAMPLE.graphql(), MODELS, vars).at("/environment/applied/models");
      List<JsonNode> nodes = Gql.nodes(conn);
      JsonNode info = conn.path("pageInfo");
      total = conn.path("totalCount").asInt();
      assertThat(nodes.size()).isLessThanOrEqualTo(first);
      assertThat(info.path("hasPreviousPage").asBoolean()).isEqualTo(after != null);
      if (!nodes.isEmpty()) {
        assertThat(info.path("startCursor").asText()).isEqualTo(conn.at("/edges/0/cursor").asText());
        assertThat(info.path("endCursor").asText())
            .isEqualTo(conn.path("edges").get(nodes.size() - 1).path("cursor").asText());
      }
      seen.addAll(nodes);
      pages++;
      if (!info.path("hasNextPage").asBoolean()) {
        break;
      }
      after = info.path("endCursor").asText();
    }
    List<String> ids = Gql.texts(seen, "/uniqueId");
    Set<String> unique = new LinkedHashSet<>(ids);
    assertThat(ids).hasSameSizeAs(unique);
    assertThat(unique).containsExactlyInAnyOrderElementsOf(oracle.ids("model"));
    assertThat(total).isEqualTo(oracle.ids("model").size());
    assertThat(pages).isEqualTo(Math.max(1, (total + first - 1) / first));
    assertSorted(seen, field, direction.equals("desc"));
  }

  private static void assertSorted(List<JsonNode> seen, String field, boolean desc) {
    String pointer = switch (field) {
      case "executionTime" -> "/executionInfo/executionTime";
      case "executeCompletedAt" -> "/executionInfo/executeCompletedAt";
      case "rowCount" -> "/catalog/rowCountStat";
      default -> "/uniqueId";
    };
    Comparator<JsonNode> byValue = (a, b) -> {
      JsonNode x = a.at(pointer);
      JsonNode y = b.at(pointer);
      boolean xNull = x.isNull() || x.isMissingNode();
      boolean yNull = y.isNull() || y.isMissingNode();
      if (xNull || yNull) {
        return Boolean.compare(xNull, yNull);
      }
      int c = x.isNumber() ? Double.compare(x.asDouble(), y.asDouble()) : x.asText().compareTo(y.asText());
      return desc ? -c : c;
    };
    List<JsonNode> sorted = new ArrayList<>(seen);
    sorted.sort(byValue);
    assertThat(Gql.texts(seen, pointer)).as("sorted by %s, nulls last", field)
        .isEqualTo(Gql.texts(sorted, pointer));
  }

  @Test
  void pagesFilteredTestsWithTheirTotal() {
    List<String> ids = new ArrayList<>();
    String after = null;
    do {
      Map<String, Object> vars = new HashMap<>();
      vars.put("after", after);
      JsonNode conn = Gql.data(SAMPLE.graphql(), """
          query ($after: String) { environment(id: "default") { applied {
            tests(first: 25, after: $after, filter: {testTypes: [GENERIC_DATA_TEST]}) {
              totalCount pageInfo { endCursor hasNextPage } edges { node { uniqueId testType } } } } } }""",
          vars).at("/environment/applied/tests");
      Gql.nodes(conn).forEach(n -> {
        assertThat(n.path("testType").asText()).isEqualTo("GENERIC_DATA_TEST");
        ids.add(n.path("uniqueId").asText());
      });
      assertThat(conn.path("totalCount").asInt()).isEqualTo(genericTests().size());
      after = conn.at("/pageInfo/hasNextPage").asBoolean() ? conn.at("/pageInfo/endCursor").asText() : null;
    } while (after != null);
    assertThat(ids).isEqualTo(genericTests());
  }

  private static List<String> genericTests() {
    List<String> out = new ArrayList<>();
    for (String id : oracle.ids("test")) {
      if (oracle.manifest.path("nodes").path(id).hasNonNull("test_metadata")) {
        out.add(id);
      }
    }
    return out;
  }

  @Test
  void anEmptyPageStillCountsAndAFirstOfZeroOnlyCounts() {
    JsonNode conn = Gql.data(SAMPLE.graphql(), """
        { environment(id: "default") { applied { models(first: 0) {
            totalCount pageInfo { hasNextPage startCursor } edges { cursor } } } } }""")
        .at("/environment/applied/models");
    assertThat(conn.path("edges")).isEmpty();
    assertThat(conn.path("totalCount").asInt()).isEqualTo(oracle.ids("model").size());
    assertThat(conn.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
    assertThat(conn.at("/pageInfo/startCursor").isNull()).isTrue();
  }
}
