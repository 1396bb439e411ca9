package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.DbtLens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every {@code ```graphql} block of docs/graphql.md runs against the shop sample without errors. */
class DocsExamplesTest {
  static final Path DOC = Path.of("..", "docs", "graphql.md").toAbsolutePath().normalize();
  private static final Pattern BLOCK = Pattern.compile("```graphql\\n(.*?)```", Pattern.DOTALL);
  private static DbtLens lens;
  private static DbtLensGraphQL graphql;

  @BeforeAll
  static void ingest() {
    lens = Sample.lens();
    graphql = DbtLensGraphQL.create(lens);
  }

  @AfterAll
  static void close() {
    lens.close();
  }

  static Stream<Arguments> examples() throws IOException {
    Matcher m = BLOCK.matcher(Files.readString(DOC));
    List<Arguments> out = new ArrayList<>();
    while (m.find()) {
      String query = m.group(1);
      String first = query.strip().lines().findFirst().orElse("");
      out.add(Arguments.of(Named.of("example " + (out.size() + 1) + ": " + first, query)));
    }
    assertThat(out).hasSizeGreaterThanOrEqualTo(12);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void runsWithoutErrors(String query) {
    GraphQLResult r = graphql.execute(query, Map.of());
    assertThat(r.errors()).as(query).isEmpty();
    assertThat(r.data()).isNotNull().isNotEmpty();
    assertThat(r.toJson()).doesNotContain("\"environment\" : null", "\"job\" : null");
  }
}
