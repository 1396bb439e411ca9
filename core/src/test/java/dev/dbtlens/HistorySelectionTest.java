package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * state: and result: against stored history: the Tuva series, where the latest manifest by
 * generated_at is v8 (2024-02-22) and the one before it v11 (2024-02-19). Expected sets come from
 * the two manifests' JSON.
 */
class HistorySelectionTest {
  private static final String V8 = "tuva/manifest-v8_dbt-1.4.9_54359dea/manifest.json";
  private static final String V11 = "tuva/manifest-v11_dbt-1.7.8_41072bf5/manifest.json";
  private static DbtLens lens;
  private static ManifestOracle current;
  private static JsonNode now;
  private static JsonNode before;

  @BeforeAll
  static void load() throws IOException {
    lens = DbtLens.inMemory();
    try (Stream<Path> dirs = Files.list(SharedArtifacts.file("tuva"))) {
      lens.ingest(IngestOptions.defaults(), dirs.sorted().toList());
    }
    current = new ManifestOracle(SharedArtifacts.file(V8));
    now = new ObjectMapper().readTree(SharedArtifacts.file(V8).toFile()).get("nodes");
    before = new ObjectMapper().readTree(SharedArtifacts.file(V11).toFile()).get("nodes");
  }

  @AfterAll
  static void close() {
    lens.close();
  }

  private static List<String> select(Selection s) {
    return lens.lineage("default").select(s.withResourceTypes("model")).stream().map(NodeId::value).toList();
  }

  private static Set<String> models(java.util.function.BiPredicate<JsonNode, JsonNode> nowAndBefore) {
    Set<String> out = new TreeSet<>();
    now.properties().forEach(e -> {
      if (e.getValue().path("resource_type").asText().equals("model")
          && nowAndBefore.test(e.getValue(), before.get(e.getKey()))) {
        out.add(e.getKey());
      }
    });
    return out;
  }

  @Test
  void stateNewAndOldSplitTheModels() {
    Set<String> added = models((n, b) -> b == null);
    Set<String> kept = models((n, b) -> b != null);
    assertThat(added).isNotEmpty();
    assertThat(kept).isNotEmpty();
    assertThat(select(Selection.of("state:new"))).containsExactlyElementsOf(added);
    assertThat(select(Selection.of("state:old"))).containsExactlyElementsOf(kept);
  }

  @Test
  void modifiedBodyFollowsTheChecksum() {
    Set<String> expected = models((n, b) -> b == null
        || !n.at("/checksum/checksum").asText().equals(b.at("/checksum/checksum").asText()));
    assertThat(select(Selection.of("state:modified.body"))).containsExactlyElementsOf(expected);
  }

  @Test
  void modifiedRelationFollowsDatabaseSchemaAlias() {
    Set<String> expected = models((n, b) -> b == null
        || !Objects.equals(n.path("database").asText(), b.path("database").asText())
        || !Objects.equals(n.path("schema").asText(), b.path("schema").asText())
        || !Objects.equals(n.path("alias").asText(), b.path("alias").asText()));
    assertThat(select(Selection.of("state:modified.relation"))).containsExactlyElementsOf(expected);
  }

  @Test
  void modifiedIncludesNewAndBodyChangesAndGraphOperatorsApply() {
    List<String> modified = select(Selection.of("state:modified"));
    assertThat(modified).containsAll(select(Selection.of("state:modified.body")));
    List<String> withChildren = select(Selection.of("state:modified+"));
    Set<String> expected = new TreeSet<>(modified);
    expected.addAll(current.descendants(modified, -1).stream().filter(id -> id.startsWith("model.")).toList());
    assertThat(withChildren).containsExactlyElementsOf(expected);
  }

  @Test
  void resultReadsTheChosenInvocationsRunResults() throws IOException {
    // tuva v11's run_results: 389 successes; only those models still in the v8 graph can be selected
    JsonNode results = new ObjectMapper().readTree(
        SharedArtifacts.file("tuva/manifest-v11_dbt-1.7.8_41072bf5/run_results.json").toFile()).get("results");
    Set<String> expected = new TreeSet<>();
    results.forEach(r -> {
      String id = r.get("unique_id").asText();
      if (id.startsWith("model.") && current.nodes.containsKey(id)) {
        expected.add(id);
      }
    });
    String v11 = "24a8ef4e-a2b9-4cc0-b622-046883b3aa98";
    assertThat(select(Selection.of("result:success").withStateInvocation(v11))).containsExactlyElementsOf(expected);
    assertThat(select(Selection.of("result:error").withStateInvocation(v11))).isEmpty();
  }

  @Test
  void anInvocationWithoutAManifestIsNamedInTheError() {
    assertThatThrownBy(() -> select(Selection.of("state:new").withStateInvocation("5fdb290c-2441-41d9-a9a7-19efac01b901")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("5fdb290c").hasMessageContaining("no manifest");
  }
}
