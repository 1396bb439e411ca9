package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Node queries read the large columns (JSON, raw code, compiled code) only when the operation asks
 * a node for a field read from them ({@link NodeColumnUse}): the values must be the same whichever
 * fields come with them, on pages, relations and fragments.
 */
class NodeColumnsTest {
  @RegisterExtension static final SampleGraphQL SAMPLE = new SampleGraphQL();

  @Test
  void codeComesBackWhenAskedAndTheRestIsUnchangedWithoutIt() {
    Map<String, Node> byId = new HashMap<>();
    SAMPLE.lens().nodes(Sample.ENV).forEach(n -> byId.put(n.uniqueId().value(), n));
    List<JsonNode> withCode = Gql.nodes(Gql.data(SAMPLE.graphql(), """
        { environment(id: "default") { applied { models(first: 500) { edges { node {
            uniqueId name rawCode compiledCode } } } } } }""").at("/environment/applied/models"));
    assertThat(withCode).isNotEmpty();
    for (JsonNode n : withCode) {
      Node expected = byId.get(n.path("uniqueId").asText());
      assertThat(text(n, "rawCode")).as("rawCode of %s", expected.uniqueId()).isEqualTo(expected.rawCode());
      assertThat(text(n, "compiledCode")).as("compiledCode of %s", expected.uniqueId())
          .isEqualTo(expected.compiledCode());
    }
    assertThat(withCode.stream().filter(n -> text(n, "compiledCode") != null)).isNotEmpty();
    List<JsonNode> rawOnly = Gql.nodes(Gql.data(SAMPLE.graphql(), """
        { environment(id: "default") { applied { models(first: 500) { edges { node {
            uniqueId name rawCode } } } } } }""").at("/environment/applied/models"));
    List<JsonNode> without = Gql.nodes(Gql.data(SAMPLE.graphql(), """
        { environment(id: "default") { applied { models(first: 500) { edges { node {
            uniqueId name } } } } } }""").at("/environment/applied/models"));
    assertThat(Gql.texts(rawOnly, "/rawCode")).isEqualTo(Gql.texts(withCode, "/rawCode"));
    assertThat(Gql.texts(without, "/uniqueId")).isEqualTo(Gql.texts(withCode, "/uniqueId"));
    assertThat(Gql.texts(without, "/name")).isEqualTo(Gql.texts(withCode, "/name"));
  }

  @Test
  void jsonFieldsComeBackOnPagesAndThroughRelations() {
    JsonNode manifest = Sample.latestManifest();
    List<String> expected = new ArrayList<>();
    manifest.path("exposures").forEach(e -> expected.add(String.join("|", e.path("unique_id").asText(),
        e.path("type").asText(), e.path("maturity").asText(), e.path("url").asText(),
        e.at("/owner/email").asText(), e.path("label").asText())));
    expected.sort(null);
    assertThat(expected).isNotEmpty();

    List<JsonNode> page = Gql.nodes(Gql.data(SAMPLE.graphql(), """
        { environment(id: "default") { applied { exposures(first: 100) { edges { node {
            uniqueId exposureType maturity url ownerEmail label } } } } } }""")
        .at("/environment/applied/exposures"));
    assertThat(rows(page)).isEqualTo(expected);

    // asked only through a fragment on the parents of models: the page of models reads no JSON,
    // the parents' query does
    JsonNode data = Gql.data(SAMPLE.graphql(), """
        { environment(id: "default") { applied { exposures(first: 100) { edges { node {
            uniqueId parents { uniqueId children { uniqueId
              ... on ExposureAppliedStateNestedNode { exposureType maturity url ownerEmail label } } } } } } } } }""");
    List<JsonNode> viaRelations = new ArrayList<>();
    for (JsonNode exposure : Gql.nodes(data.at("/environment/applied/exposures"))) {
      exposure.path("parents").forEach(p -> p.path("children").forEach(c -> {
        if (c.path("uniqueId").asText().startsWith("exposure.")) {
          viaRelations.add(c);
        }
      }));
    }
    assertThat(viaRelations).isNotEmpty();
    assertThat(expected).containsAll(rows(viaRelations));
  }

  private static List<String> rows(List<JsonNode> nodes) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : nodes) {
      out.add(String.join("|", text(n, "uniqueId"), text(n, "exposureType"), text(n, "maturity"),
          text(n, "url"), text(n, "ownerEmail"), text(n, "label")));
    }
    out.sort(null);
    return out;
  }

  private static String text(JsonNode n, String field) {
    return n.path(field).isNull() || n.path(field).isMissingNode() ? null : n.path(field).asText();
  }
}
