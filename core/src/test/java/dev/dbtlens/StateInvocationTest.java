package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code result:} and {@code source_status:} use the invocation given as state (or fail naming it),
 * and invocation ids may be given by a unique prefix. Two dbt Fusion runs of one project (folders
 * 01adb77f and 12af8ece): invocations 019f6c56 (run_results, no results), 019f6c69 (manifest and
 * sources: 1 pass), 019f6cb2 (sources: 2 errors) and 019f6d6e (manifest and run_results, latest).
 * Expected sets are read from the files.
 */
class StateInvocationTest {
  private static final String DIR = "dbt-fusion_e-elikem+dbt_fundamentals/";
  private static final String EARLY = DIR + "manifest-v12_dbt-2.0.0-preview.199_01adb77f/";
  private static final String LATE = DIR + "manifest-v12_dbt-2.0.0-preview.199_12af8ece/";
  private static DbtLens lens;
  private static Lineage lineage;

  @BeforeAll
  static void load() {
    lens = DbtLens.inMemory();
    lens.ingest(IngestOptions.defaults(), List.of(SharedArtifacts.file(EARLY), SharedArtifacts.file(LATE)));
    lineage = lens.lineage("default");
  }

  @AfterAll
  static void close() {
    lens.close();
  }

  /** @return the ids of results with that status (case-insensitive: Fusion writes "Pass") that the graph has */
  private static Set<String> withStatus(String file, String status) throws IOException {
    Set<String> out = new TreeSet<>();
    for (JsonNode r : new ObjectMapper().readTree(SharedArtifacts.file(file).toFile()).get("results")) {
      String id = r.get("unique_id").asText();
      if (r.get("status").asText().toLowerCase(Locale.ROOT).equals(status) && lineage.node(NodeId.of(id)).isPresent()) {
        out.add(id);
      }
    }
    return out;
  }

  private static List<String> select(String expr, String state) {
    Selection s = Selection.of(expr).withStateInvocation(state).withIndirectSelection(IndirectSelection.EMPTY);
    return lineage.select(s).stream().map(NodeId::value).toList();
  }

  @Test
  void resultReadsTheInvocationAUniquePrefixNames() throws IOException {
    Set<String> success = withStatus(LATE + "run_results.json", "success");
    assertThat(success).hasSize(6);
    assertThat(select("result:success", "019f6d6e")).containsExactlyElementsOf(success);
    // 019f6c56's run_results.json has no results: nothing, not the latest run's successes
    assertThat(select("result:success", "019f6c56-6406-72f2-9834-34c517e697dc")).isEmpty();
  }

  @Test
  void anUnknownInvocationIsRefused() {
    assertThatThrownBy(() -> select("result:fail", "bogus"))
        .isInstanceOf(InvocationNotFoundException.class)
        .hasMessageStartingWith("Invocation 'bogus' not found in environment 'default'")
        .hasMessageContaining("019f6d6e-265c-7451-8b65-33783838e2e7");
  }

  @Test
  void anAmbiguousPrefixIsRefusedWithTheCandidates() {
    assertThatThrownBy(() -> select("result:fail", "019f6c"))
        .isInstanceOf(InvocationNotFoundException.class)
        .hasMessageContaining("'019f6c' matches 3 invocations")
        .satisfies(e -> assertThat(((InvocationNotFoundException) e).candidates()).containsExactly(
            "019f6c56-6406-72f2-9834-34c517e697dc", "019f6c69-5237-7f61-9199-37062458fefb",
            "019f6cb2-42e8-7262-bd65-727ae9699c9f"));
  }

  @Test
  void anInvocationWithoutTheNeededArtifactIsNamed() {
    assertThatThrownBy(() -> select("result:fail", "019f6c69"))
        .isInstanceOf(InvocationNotFoundException.class)
        .hasMessageContaining("019f6c69-5237-7f61-9199-37062458fefb").hasMessageContaining("no run_results.json");
    assertThatThrownBy(() -> select("source_status:error", "019f6c56"))
        .isInstanceOf(InvocationNotFoundException.class)
        .hasMessageContaining("019f6c56-6406-72f2-9834-34c517e697dc").hasMessageContaining("no sources.json");
    assertThatThrownBy(() -> select("state:modified", "019f6cb2"))
        .isInstanceOf(InvocationNotFoundException.class).hasMessageContaining("no manifest.json");
  }

  @Test
  void sourceStatusReadsTheGivenInvocationsCheck() throws IOException {
    Set<String> latestErrors = withStatus(LATE + "sources.json", "error");
    assertThat(latestErrors).hasSize(2);
    assertThat(select("source_status:error", null)).containsExactlyElementsOf(latestErrors);
    assertThat(select("source_status:error", "019f6c69")).isEmpty();
    assertThat(select("source_status:pass", "019f6c69")).containsExactlyElementsOf(withStatus(EARLY + "sources.json", "pass"));
  }

  @Test
  void asOfTakesAPrefixToo() {
    assertThat(lens.lineageAsOf("default", "019f6c69").manifestInvocationId()).isEqualTo("019f6c69-5237-7f61-9199-37062458fefb");
    assertThatThrownBy(() -> lens.lineageAsOf("default", "019f6c")).isInstanceOf(InvocationNotFoundException.class);
  }
}
