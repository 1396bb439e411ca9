package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a selection says when it is malformed or selects nothing, on jaffle_shop (dbt 1.10): the
 * exception carries the position of the offending token and a message a user can act on; empty
 * criteria give dbt's warnings.
 */
class SelectionMessagesTest {
  private static final String MANIFEST = "dbt-artifacts-parser/manifest/v12/jaffle_shop/manifest_1.10.json";
  private static DbtLens lens;
  private static Lineage lineage;

  @BeforeAll
  static void load() {
    lens = DbtLens.inMemory();
    lens.ingest(SharedArtifacts.file(MANIFEST));
    lineage = lens.lineage("default");
  }

  @AfterAll
  static void close() {
    lens.close();
  }

  private static SelectorSyntaxException syntaxError(Selection s) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> lineage.select(s));
    assertThat(t).isInstanceOf(SelectorSyntaxException.class);
    return (SelectorSyntaxException) t;
  }

  @Test
  void aDepthTooLargeIsASyntaxErrorAtTheDigits() {
    SelectorSyntaxException e = syntaxError(Selection.of("99999999999+orders"));
    assertThat(e.position()).isZero();
    assertThat(e.problem()).contains("99999999999").doesNotContain("For input string");
    SelectorSyntaxException after = syntaxError(Selection.of("tag:a orders+99999999999"));
    assertThat(after.position()).isEqualTo(13);
  }

  @Test
  void invalidValuesPointAtTheValueInTheirOwnExpression() {
    // the second --select value: positions are within it, not within the two joined
    assertThat(syntaxError(Selection.of("orders", "tag:a source:a.b.c.d")).position()).isEqualTo(13);
    assertThat(syntaxError(Selection.of("orders", "tag:a source:a.b.c.d")).expression()).isEqualTo("tag:a source:a.b.c.d");
    assertThat(syntaxError(Selection.of("tag:a test_type:weird")).position()).isEqualTo(16);
    assertThat(syntaxError(Selection.of("version:newest")).position()).isEqualTo(8);
    assertThat(syntaxError(Selection.of("state:changed").withStateInvocation(null)).position()).isEqualTo(6);
    assertThat(syntaxError(Selection.of("orders").excluding("exposure:a.b.c")).expression()).isEqualTo("exposure:a.b.c");
  }

  @Test
  void anUnknownMethodSuggestsTheClosest() {
    SelectorSyntaxException e = syntaxError(Selection.of("tga:nightly"));
    assertThat(e.problem()).contains("Unknown selection method 'tga'").contains("did you mean 'tag'?");
    assertThat(e.position()).isZero();
  }

  @Test
  void aConfigKeyNoNodeHasIsAnErrorWithASuggestion() {
    SelectorSyntaxException e = syntaxError(Selection.of("config.materialised:table"));
    assertThat(e.problem()).contains("'materialised'").contains("did you mean 'materialized'?");
    assertThat(e.position()).isEqualTo(7);
    // a known key with a value nothing has is not an error: it selects nothing, with dbt's warning
    assertThat(lineage.selectWithWarnings(Selection.of("config.materialized:tabel")).warnings())
        .containsExactly("The selection criterion 'config.materialized:tabel' does not match any enabled nodes",
            "No nodes selected!");
  }

  @Test
  void criteriaThatMatchNothingWarnAsDbtDoes() {
    SelectionResult r = lineage.selectWithWarnings(Selection.of("orders nosuchmodel", "tag:nosuch,orders"));
    // the orders model and its tests (eager): jq '.child_map["model.jaffle_shop.orders"]' picks the tests
    assertThat(r.nodes()).contains(NodeId.of("model.jaffle_shop.orders"));
    assertThat(r.warnings()).containsExactly(
        "The selection criterion 'nosuchmodel' does not match any enabled nodes",
        "The selection criterion 'tag:nosuch,orders' does not match any enabled nodes");
    SelectionResult none = lineage.selectWithWarnings(Selection.of("nosuch"));
    assertThat(none.nodes()).isEmpty();
    assertThat(none.warnings()).containsExactly(
        "The selection criterion 'nosuch' does not match any enabled nodes", "No nodes selected!");
    // exclusions that remove nothing do not warn, as in dbt
    assertThat(lineage.selectWithWarnings(Selection.of("orders").excluding("nosuch")).warnings()).isEmpty();
    // a resource type filter that leaves nothing: only "No nodes selected!"
    assertThat(lineage.selectWithWarnings(Selection.of("orders").withResourceTypes("seed")).warnings())
        .containsExactly("No nodes selected!");
  }

  @Test
  void longExpressionsAreCutInMessages() {
    String longExpr = "tag:a ".repeat(3000) + "orders+x " + "tag:b ".repeat(3000);
    SelectorSyntaxException e = syntaxError(Selection.of(longExpr));
    assertThat(e.position()).isEqualTo(18000 + 6);
    assertThat(e.expression()).isEqualTo(longExpr);
    assertThat(e.getMessage().length()).isLessThan(400);
    List<String> lines = e.getMessage().lines().toList();
    // the caret still points at the '+' in the shown window
    assertThat(lines.get(1).charAt(lines.get(2).indexOf('^'))).isEqualTo('+');
    String longToken = "x".repeat(20_000) + "+y";
    assertThat(syntaxError(Selection.of(longToken)).getMessage().length()).isLessThan(400);
  }

  @Test
  void anUnknownSelectorNamesTheKnownOnes(@TempDir Path dir) throws Exception {
    SelectorSyntaxException none = syntaxError(Selection.of().withSelector("nosuch", null));
    assertThat(none.problem()).isEqualTo("Selector 'nosuch' not found: the manifest defines no selectors"
        + " (give a selectors.yml with --selectors-file)");
    Path yml = dir.resolve("selectors.yml");
    Files.writeString(yml, """
        selectors:
          - name: nightly_models
            definition: 'tag:nightly'
          - name: marts
            definition: {method: path, value: models/marts}
        """);
    SelectorSyntaxException some = syntaxError(Selection.of().withSelector("nightly", yml));
    assertThat(some.problem()).isEqualTo("Selector 'nightly' not found in " + yml
        + " (known: nightly_models, marts); did you mean 'nightly_models'?");
    assertThat(lineage.select(Selection.of().withSelector("marts", yml)))
        .isEqualTo(lineage.select(Selection.of("path:models/marts")));
  }
}
