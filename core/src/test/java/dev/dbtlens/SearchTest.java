package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Full-text search over a real manifest (Tuva, manifest v11, 297 models). The expected hits were
 * computed with python3 over the manifest's JSON: a node matches a word when the word is one of the
 * runs of letters and digits, lower-cased, of its name, description, raw code, relation name, tags
 * or column names and descriptions.
 */
class SearchTest {
  private static final String TUVA = "tuva/manifest-v11_dbt-1.7.8_41072bf5/manifest.json";
  private static DbtLens lens;

  @BeforeAll
  static void ingest() {
    lens = DbtLens.inMemory();
    lens.ingest(IngestOptions.defaults().withEnvironment("tuva"), List.of(SharedArtifacts.file(TUVA)));
  }

  @AfterAll
  static void close() {
    lens.close();
  }

  private static SearchQuery models(String text) {
    return SearchQuery.of(text).withResourceTypes(List.of("model"));
  }

  @Test
  void descriptionsContainingAWord() {
    SearchResults r = lens.search("tuva", models("pharmacy").withFields(Set.of(SearchField.DESCRIPTION)), 0, 50);
    assertThat(r.totalCount()).isEqualTo(6);
    assertThat(r.hits()).extracting(SearchHit::uniqueId).containsExactlyInAnyOrder(
        "model.input_layer.pharmacy_claim",
        "model.the_tuva_project.core__pharmacy_claim",
        "model.the_tuva_project.core__stg_claims_pharmacy_claim",
        "model.the_tuva_project.insights__orphan_claim_by_claim_type",
        "model.the_tuva_project.normalized_input__pharmacy_claim",
        "model.the_tuva_project.quality_measures__stg_pharmacy_claim");
    assertThat(r.hits()).allSatisfy(h -> {
      assertThat(h.matchedField()).isEqualTo(SearchField.DESCRIPTION);
      assertThat(h.highlight()).containsIgnoringCase("<em>pharmacy</em>");
      assertThat(h.resourceType()).isEqualTo("model");
    });
    assertThat(r.hasNextPage()).isFalse();
  }

  @Test
  void everyFieldAndEveryType() {
    assertThat(lens.search("tuva", models("pharmacy"), 0, 0).totalCount()).isEqualTo(32);
    SearchResults all = lens.search("tuva", SearchQuery.of("pharmacy"), 0, 100);
    assertThat(all.totalCount()).isEqualTo(33);
    assertThat(all.hits()).filteredOn(h -> !h.resourceType().equals("model"))
        .extracting(SearchHit::resourceType).containsExactly("seed");
  }

  @Test
  void filters() {
    assertThat(lens.search("tuva", models("pharmacy").withMaterializations(List.of("EPHEMERAL")), 0, 0)
        .totalCount()).isEqualTo(4);
    assertThat(lens.search("tuva", models("pharmacy").withTags(List.of("claims_preprocessing")), 0, 0)
        .totalCount()).isEqualTo(12);
    // manifest v11 models without access: dbt's default, protected
    assertThat(lens.search("tuva", models("pharmacy").withAccessLevels(List.of("protected")), 0, 0)
        .totalCount()).isEqualTo(32);
    assertThat(lens.search("tuva", models("pharmacy").withAccessLevels(List.of("public")), 0, 0)
        .totalCount()).isZero();
    assertThat(lens.search("tuva", SearchQuery.of("pharmacy").withResourceTypes(List.of("seed")), 0, 5)
        .hits()).extracting(SearchHit::uniqueId).containsExactly("seed.input_layer.pharmacy_claim_seed");
  }

  @Test
  void anExactNameRanksFirst() {
    SearchResults r = lens.search("tuva", SearchQuery.of("pharmacy_claim"), 0, 3);
    assertThat(r.hits().get(0).uniqueId()).isEqualTo("model.input_layer.pharmacy_claim");
    assertThat(r.hits().get(0).matchedField()).isEqualTo(SearchField.NAME);
    assertThat(r.hits().get(0).highlight()).isEqualTo("<em>pharmacy_claim</em>");
  }

  @Test
  void pagesCoverEveryHitOnce() {
    SearchQuery q = models("pharmacy");
    List<String> seen = new ArrayList<>();
    for (int offset = 0; ; offset += 5) {
      SearchResults page = lens.search("tuva", q, offset, 5);
      assertThat(page.totalCount()).isEqualTo(32);
      page.hits().forEach(h -> seen.add(h.uniqueId()));
      if (!page.hasNextPage()) {
        break;
      }
    }
    assertThat(seen).hasSize(32);
    assertThat(new LinkedHashSet<>(seen)).hasSize(32);
    assertThat(seen).isEqualTo(lens.search("tuva", q, 0, 100).hits().stream().map(SearchHit::uniqueId).toList());
  }

  /** The snippet of a long field is about 120 characters around the match, not the whole field. */
  @Test
  void codeSnippetsAreShort() {
    SearchResults r = lens.search("tuva", models("pharmacy_claim_missing_column_list")
        .withFields(Set.of(SearchField.CODE)), 0, 5);
    assertThat(r.totalCount()).isEqualTo(1);
    SearchHit h = r.hits().get(0);
    assertThat(h.uniqueId()).isEqualTo(
        "model.the_tuva_project.data_quality__claims_preprocessing_pharmacy_claim_missing_values");
    assertThat(h.matchedField()).isEqualTo(SearchField.CODE);
    assertThat(h.highlight()).contains("<em>pharmacy_claim_missing_column_list</em>")
        .hasSizeLessThan(300);
  }

  @Test
  void blankQueryListsByUniqueId() {
    SearchResults r = lens.search("tuva", SearchQuery.of("").withResourceTypes(List.of("seed")), 0, 2);
    assertThat(r.totalCount()).isEqualTo(77);
    assertThat(r.hits().get(0).uniqueId()).isLessThan(r.hits().get(1).uniqueId());
    assertThat(r.hits().get(0).matchedField()).isNull();
  }

  @Test
  void badSyntaxIsSearchedLiterally() {
    assertThat(lens.search("tuva", models("pharmacy)").withFields(Set.of(SearchField.DESCRIPTION)), 0, 0)
        .totalCount()).isEqualTo(6);
  }

  /** python3: models named with the word "orders": 3 in manifest_1.8.json, 2 in the later 1.10. */
  @Test
  void aNewerManifestRebuildsTheIndex() {
    String dir = "dbt-artifacts-parser/manifest/v12/jaffle_shop/";
    SearchQuery q = models("orders").withFields(Set.of(SearchField.NAME));
    try (DbtLens db = DbtLens.inMemory()) {
      db.ingest(SharedArtifacts.file(dir + "manifest_1.8.json"));
      assertThat(db.search("default", q, 0, 10).totalCount()).isEqualTo(3);
      assertThat(db.search("default", SearchQuery.of("").withResourceTypes(List.of("model")), 0, 0)
          .totalCount()).isEqualTo(36);
      db.ingest(SharedArtifacts.file(dir + "manifest_1.10.json"));
      assertThat(db.search("default", q, 0, 10).totalCount()).isEqualTo(2);
      assertThat(db.search("default", SearchQuery.of("").withResourceTypes(List.of("model")), 0, 0)
          .totalCount()).isEqualTo(13);
    }
  }

  @Test
  void unknownEnvironment() {
    assertThatThrownBy(() -> lens.search("nope", SearchQuery.of("x"), 0, 1))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("tuva");
  }
}
