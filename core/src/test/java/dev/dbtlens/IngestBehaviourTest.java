package dev.dbtlens;

import static dev.dbtlens.RealArtifactsTest.count;
import static dev.dbtlens.RealArtifactsTest.grouped;
import static dev.dbtlens.RealArtifactsTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage by content, last known compiled code, transactions, tolerance: on real artifacts. */
class IngestBehaviourTest {
  private static final String JAFFLE_V12 = "dbt-artifacts-parser/manifest/v12/jaffle_shop/manifest_1.10.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;

  /** A copy of a real artifact with changes, as another invocation would write it. */
  private Path variant(String artifact, String name, Consumer<ObjectNode> change) throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(SharedArtifacts.file(artifact).toFile());
    change.accept(root);
    Path dir = Files.createDirectories(tmp.resolve(name));
    Path out = dir.resolve(SharedArtifacts.file(artifact).getFileName().toString());
    MAPPER.writeValue(out.toFile(), root);
    return out;
  }

  private static Consumer<ObjectNode> asInvocation(String id, String generatedAt) {
    return root -> {
      ObjectNode meta = (ObjectNode) root.get("metadata");
      meta.put("invocation_id", id);
      meta.put("generated_at", generatedAt);
    };
  }

  @Test
  void duckDbMemoryIsBoundedByDefaultAndConfigurable() throws SQLException {
    String sql = "SELECT current_setting('memory_limit') || ' ' || current_setting('threads')";
    try (DbtLens lens = DbtLens.inMemory(); Connection c = lens.connection()) {
      assertThat(text(c, sql)).startsWith("488.2 MiB "); // 512MB
    }
    System.setProperty(DbtLens.MEMORY_LIMIT_PROPERTY, "1GB");
    System.setProperty(DbtLens.THREADS_PROPERTY, "1");
    try (DbtLens lens = DbtLens.open(tmp.resolve("limits.duckdb")); Connection c = lens.connection()) {
      assertThat(text(c, sql)).isEqualTo("953.6 MiB 1");
    } finally {
      System.clearProperty(DbtLens.MEMORY_LIMIT_PROPERTY);
      System.clearProperty(DbtLens.THREADS_PROPERTY);
    }
  }

  @Test
  void unchangedManifestUnderANewInvocationAddsNoDefinitionRows() throws Exception {
    Path first = SharedArtifacts.file(JAFFLE_V12);
    Path second = variant(JAFFLE_V12, "second", asInvocation("inv-2", "2030-01-01T00:00:00Z"));
    try (DbtLens lens = DbtLens.inMemory()) {
      IngestReport a = lens.ingest(first);
      assertThat(a.definitionsAdded()).isPositive();
      Map<String, Long> before = storeCounts(lens);
      IngestReport b = lens.ingest(second);
      assertThat(b.artifacts()).singleElement().matches(ArtifactOutcome::added);
      assertThat(b.definitionsAdded()).isZero();
      assertThat(b.invocationsAdded()).isEqualTo(1);
      Map<String, Long> after = storeCounts(lens);
      assertThat(after.get("artifact")).isEqualTo(before.get("artifact") + 1);
      after.remove("artifact");
      before.remove("artifact");
      assertThat(after).as("storage grows with changes, not runs").isEqualTo(before);
      assertThat(text(lens.connection(), "SELECT any_value(manifest_invocation_id) FROM nodes")).isEqualTo("inv-2");
    }
  }

  @Test
  void countsSayWhatTheEnvironmentGainedWhenDefinitionsAreSharedWithAnother() throws Exception {
    Path tuva = SharedArtifacts.file("tuva/manifest-v11_dbt-1.7.8_41072bf5");
    try (DbtLens lens = DbtLens.inMemory()) {
      IngestReport prod = lens.ingest(IngestOptions.defaults().withEnvironment("prod"), List.of(tuva));
      IngestReport dev = lens.ingest(IngestOptions.defaults().withEnvironment("dev"), List.of(tuva));
      // a fresh database: everything prod gained was also new to storage
      assertThat(prod.definitionsAdded()).isEqualTo(count(lens, "SELECT count(*) FROM store.node_def"));
      assertThat(prod.catalogEntriesAdded()).isEqualTo(count(lens, "SELECT count(*) FROM store.catalog_entry"))
          .isEqualTo(count(lens, "SELECT count(*) FROM catalog WHERE environment = 'prod'"));
      // dev wrote no definition or entry (prod's are shared) and still gained them all
      assertThat(dev.definitionsAdded()).isEqualTo(prod.definitionsAdded()).isPositive();
      assertThat(dev.catalogEntriesAdded()).isEqualTo(prod.catalogEntriesAdded())
          .isEqualTo(count(lens, "SELECT count(*) FROM catalog WHERE environment = 'dev'")).isPositive();
      IngestReport again = lens.ingest(IngestOptions.defaults().withEnvironment("dev"), List.of(tuva));
      assertThat(again.nothingAdded()).isTrue();
      assertThat(again.definitionsAdded()).isZero();
    }
  }

  @Test
  void oneChangedModelAddsOneDefinition() throws Exception {
    Path changed = variant(JAFFLE_V12, "changed", asInvocation("inv-3", "2030-01-01T00:00:00Z")
        .andThen(root -> ((ObjectNode) root.get("nodes").get("model.jaffle_shop.customers"))
            .put("raw_code", "select 1 as id")));
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file(JAFFLE_V12));
      assertThat(lens.ingest(changed).definitionsAdded()).isEqualTo(1);
      assertThat(lens.node("default", "model.jaffle_shop.customers").rawCode()).isEqualTo("select 1 as id");
    }
  }

  @Test
  void aLaterManifestWithoutCompiledCodeKeepsTheLastKnownCompiledCode() throws Exception {
    // `dbt test` writes a manifest whose models carry no compiled code
    Path testManifest = variant(JAFFLE_V12, "dbt-test", asInvocation("inv-test", "2030-01-01T00:00:00Z")
        .andThen(root -> root.get("nodes").forEach(n -> ((ObjectNode) n)
            .put("compiled", false).remove(List.of("compiled_code", "compiled_path")))));
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file(JAFFLE_V12));
      long compiledBefore = count(lens, "SELECT count(compiled_code) FROM nodes");
      assertThat(compiledBefore).isPositive();
      lens.ingest(testManifest);
      assertThat(count(lens, "SELECT count(*) FROM nodes WHERE manifest_invocation_id = 'inv-test'")).isPositive();
      assertThat(count(lens, "SELECT count(compiled_code) FROM nodes")).isEqualTo(compiledBefore);
    }
  }

  @Test
  void anOlderRunIngestedLaterDoesNotBecomeCurrent() throws Exception {
    Path newer = variant(JAFFLE_V12, "newer", asInvocation("inv-new", "2030-01-01T00:00:00Z")
        .andThen(root -> ((ObjectNode) root.get("nodes").get("model.jaffle_shop.customers"))
            .put("raw_code", "select 2 as id")));
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(newer);
      lens.ingest(SharedArtifacts.file(JAFFLE_V12));
      assertThat(lens.node("default", "model.jaffle_shop.customers").rawCode()).isEqualTo("select 2 as id");
      assertThat(lens.latestInvocation("default").orElseThrow().invocationId()).isEqualTo("inv-new");
    }
  }

  @Test
  void aFailedIngestWritesNothing() throws Exception {
    Path broken = variant("dbt-artifacts-parser/run_results/v6/jaffle_shop/run_results_1.12.json", "broken",
        root -> ((ObjectNode) root.get("results").get(5)).put("execution_time", "slow"));
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file("tuva/manifest-v11_dbt-1.7.8_41072bf5"));
      Map<String, Long> before = storeCounts(lens);
      assertThatThrownBy(() -> lens.ingest(IngestOptions.defaults(),
              List.of(SharedArtifacts.file(JAFFLE_V12), broken)))
          .isInstanceOf(ArtifactFormatException.class)
          .hasMessageContaining(broken.toString())
          .hasMessageContaining("run-results/v6")
          .hasMessageContaining("$.results[5].execution_time")
          .hasMessageContaining("expected a number, found the string \"slow\"");
      assertThat(storeCounts(lens)).isEqualTo(before);
      // and the database is still usable afterwards
      assertThat(lens.ingest(SharedArtifacts.file(JAFFLE_V12)).definitionsAdded()).isPositive();
    }
  }

  @Test
  void runResultsWithoutResultsIsBadInputNotAnEmptyRun() throws Exception {
    Path noResults = variant("dbt-artifacts-parser/run_results/v6/jaffle_shop/run_results_1.12.json", "no-results",
        root -> root.remove("results"));
    try (DbtLens lens = DbtLens.inMemory()) {
      Map<String, Long> before = storeCounts(lens);
      assertThatThrownBy(() -> lens.ingest(noResults))
          .isInstanceOf(ArtifactFormatException.class)
          .hasMessage(noResults + " (run-results/v6) at $.results: required member 'results' of run-results/v6"
              + " is missing")
          .extracting(e -> ((ArtifactFormatException) e).jsonPath()).isEqualTo("$.results");
      assertThat(storeCounts(lens)).isEqualTo(before);
    }
  }

  @Test
  void aManifestMissingMembersItsVersionRequiresNamesThemAll() throws Exception {
    Path partial = variant(JAFFLE_V12, "partial", root -> root.remove(List.of("docs", "unit_tests")));
    try (DbtLens lens = DbtLens.inMemory()) {
      assertThatThrownBy(() -> lens.ingest(partial))
          .isInstanceOf(ArtifactFormatException.class)
          .hasMessage(partial + " (manifest/v12) at $: required members 'docs', 'unit_tests' of manifest/v12"
              + " are missing");
      assertThat(count(lens, "SELECT count(*) FROM artifacts")).isZero();
    }
  }

  @Test
  void gzipCompressedArtifactsAreReadAndHashedAsStored() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("archived"));
    Path manifest = gzip(SharedArtifacts.file(JAFFLE_V12), dir.resolve("manifest.json.gz"));
    // compressed but named plainly: recognised by gzip's magic bytes, not by the name
    Path results = gzip(SharedArtifacts.file("dbt-artifacts-parser/run_results/v6/jaffle_shop/run_results.json"),
        dir.resolve("run_results.json"));
    try (DbtLens plain = DbtLens.inMemory(); DbtLens lens = DbtLens.inMemory()) {
      IngestReport expected = plain.ingest(IngestOptions.defaults(), List.of(SharedArtifacts.file(JAFFLE_V12),
          SharedArtifacts.file("dbt-artifacts-parser/run_results/v6/jaffle_shop/run_results.json")));
      IngestReport r = lens.ingest(dir);
      assertThat(r.artifacts()).extracting(ArtifactOutcome::file).containsExactlyInAnyOrder(manifest, results);
      assertThat(r.artifacts()).allMatch(ArtifactOutcome::added);
      assertThat(r.runResultsAdded()).isEqualTo(expected.runResultsAdded()).isEqualTo(61);
      assertThat(r.definitionsAdded()).isEqualTo(expected.definitionsAdded());
      assertThat(count(lens, "SELECT count(*) FROM nodes")).isEqualTo(count(plain, "SELECT count(*) FROM nodes"));
      try (Connection c = lens.connection()) {
        assertThat(text(c, "SELECT file_sha256 FROM store.artifact WHERE kind = 'manifest'"))
            .isEqualTo(sha256(manifest));
      }
      assertThat(lens.ingest(dir).nothingAdded()).as("the same compressed files again").isTrue();
    }
  }

  @Test
  void aCorruptGzipFileIsBadInputNamingTheFile() throws Exception {
    byte[] gz = Files.readAllBytes(gzip(SharedArtifacts.file(JAFFLE_V12), tmp.resolve("whole.json.gz")));
    Path cut = Files.write(tmp.resolve("manifest.json.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
    try (DbtLens lens = DbtLens.inMemory()) {
      assertThatThrownBy(() -> lens.ingest(cut))
          .isInstanceOf(ArtifactFormatException.class)
          .hasMessageStartingWith(cut + " (manifest/v12) at $.")
          .hasMessageContaining("truncated (compressed) data");
      assertThat(count(lens, "SELECT count(*) FROM artifacts")).isZero();
    }
  }

  private static Path gzip(Path from, Path to) throws IOException {
    try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(to))) {
      Files.copy(from, out);
    }
    return to;
  }

  private static String sha256(Path file) throws Exception {
    return java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void progressIsToldEachFileWithItsPositionAndTheCount() {
    Path tuva = SharedArtifacts.file("tuva/manifest-v11_dbt-1.7.8_41072bf5");
    List<String> told = new java.util.ArrayList<>();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void onProgress(Path file, long bytesRead, long totalBytes) {}

      @Override
      public void onFile(Path file, int index, int count) {
        told.add(index + "/" + count + " " + file.getFileName());
      }
    };
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(IngestOptions.defaults().withProgress(listener), List.of(tuva));
      lens.ingest(IngestOptions.defaults().withProgress(listener), List.of(tuva.resolve("manifest.json")));
    }
    assertThat(told).containsExactly("1/3 catalog.json", "2/3 manifest.json", "3/3 run_results.json",
        "1/1 manifest.json");
  }

  @Test
  void anInterruptedIngestSaysSoAndWritesNothing() throws Exception {
    Path tuva = SharedArtifacts.file("tuva/manifest-v11_dbt-1.7.8_41072bf5");
    ProgressListener interruptAtTheSecondFile = new ProgressListener() {
      @Override
      public void onProgress(Path file, long bytesRead, long totalBytes) {}

      @Override
      public void onFile(Path file, int index, int count) {
        if (index == 2) {
          Thread.currentThread().interrupt(); // what the CLI's Ctrl-C handler does
        }
      }
    };
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file(JAFFLE_V12));
      Map<String, Long> before = storeCounts(lens);
      try {
        assertThatThrownBy(() -> lens.ingest(IngestOptions.defaults().withProgress(interruptAtTheSecondFile),
                List.of(tuva)))
            .isExactlyInstanceOf(DbtLensException.class)
            .hasMessage("ingest into environment 'default' of in-memory database interrupted; it was rolled back"
                + " and nothing was written");
        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
      } finally {
        Thread.interrupted();
      }
      assertThat(storeCounts(lens)).isEqualTo(before);
    }
  }

  @Test
  void fusionStatusesAreLowerCasedAndTheOriginalKept() throws SQLException {
    Path fusion = SharedArtifacts.file("dbt-fusion_e-elikem+dbt_fundamentals");
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(fusion);
      try (Connection c = lens.connection()) {
        assertThat(grouped(c, "SELECT status || '<' || status_raw, count(*) FROM source_freshness GROUP BY 1"))
            .containsOnlyKeys("pass<Pass", "error<Error");
      }
    }
  }

  @Test
  void aNewerUnknownSchemaVersionIsReadWithTheLatestMappingAndAWarning() throws Exception {
    Path v13 = variant(JAFFLE_V12, "v13", root -> ((ObjectNode) root.get("metadata"))
        .put("dbt_schema_version", "https://schemas.getdbt.com/dbt/manifest/v13.json"));
    try (DbtLens lens = DbtLens.inMemory()) {
      IngestReport r = lens.ingest(v13);
      assertThat(r.warnings()).singleElement().asString()
          .contains("manifest/v13 is newer than this dbtlens knows").contains("manifest/v12 mapping");
      assertThat(r.artifacts().get(0).schemaVersion()).isEqualTo("manifest/v13");
      assertThat(count(lens, "SELECT count(*) FROM nodes WHERE resource_type = 'model'")).isEqualTo(13);
    }
  }

  @Test
  void aDifferentFileForAnInvocationAlreadyHeldIsAConflictAndNothingIsWritten() throws Exception {
    // the two jaffle_shop v6 run_results share an invocation id but differ in one project name
    Path a = SharedArtifacts.file("dbt-artifacts-parser/run_results/v6/jaffle_shop/run_results.json");
    Path b = SharedArtifacts.file("dbt-artifacts-parser/_older_layout/v6/jaffle_shop/run_results.json");
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(a);
      Map<String, Long> before = storeCounts(lens);
      IngestConflictException e = catchThrowableOfType(IngestConflictException.class,
          () -> lens.ingest(IngestOptions.defaults(), List.of(SharedArtifacts.file(JAFFLE_V12), b)));
      assertThat(e).as("refused").isNotNull();
      assertThat(e.conflicts()).singleElement().satisfies(o -> {
        assertThat(o.file()).isEqualTo(b);
        assertThat(o.status()).isEqualTo(ArtifactOutcome.Status.CONFLICT);
        assertThat(o.invocationId()).isEqualTo("cfbc1db9-66c1-46c2-a94b-8c0cef32314f");
        assertThat(o.warning()).isEqualTo(b + ": environment 'default' already holds a different run_results"
            + " for invocation cfbc1db9-66c1-46c2-a94b-8c0cef32314f (from " + a + ")");
      });
      assertThat(e.getMessage()).startsWith("1 file conflicts with environment 'default'; nothing was written: "
          + b + ": environment 'default' already holds");
      assertThat(storeCounts(lens)).as("the manifest before it was rolled back too").isEqualTo(before);
    }
  }

  @Test
  void conflictsAllowedAreSkippedAndCountedApartFromFilesAlreadyIngested() throws Exception {
    Path a = SharedArtifacts.file("dbt-artifacts-parser/run_results/v6/jaffle_shop/run_results.json");
    Path b = SharedArtifacts.file("dbt-artifacts-parser/_older_layout/v6/jaffle_shop/run_results.json");
    try (DbtLens lens = DbtLens.inMemory()) {
      IngestReport r = lens.ingest(IngestOptions.defaults().withConflictsAllowed(true),
          List.of(a, b, SharedArtifacts.file(JAFFLE_V12)));
      assertThat(r.artifacts()).extracting(ArtifactOutcome::status).containsExactly(
          ArtifactOutcome.Status.ADDED, ArtifactOutcome.Status.CONFLICT, ArtifactOutcome.Status.ADDED);
      assertThat(r.conflicts()).isEqualTo(1);
      assertThat(r.skipped()).isZero();
      assertThat(r.warnings()).singleElement().asString().contains("already holds a different run_results");
      assertThat(count(lens, "SELECT count(*) FROM run_results")).isEqualTo(61);

      IngestReport again = lens.ingest(IngestOptions.defaults().withConflictsAllowed(true), List.of(a, b));
      assertThat(again.artifacts()).extracting(ArtifactOutcome::status)
          .containsExactly(ArtifactOutcome.Status.ALREADY_INGESTED, ArtifactOutcome.Status.CONFLICT);
      assertThat(again.skipped()).isEqualTo(1);
      assertThat(again.conflicts()).isEqualTo(1);
    }
  }

  @Test
  void declaredColumnsAndNodeFieldsAreRead() throws SQLException {
    try (DbtLens lens = DbtLens.inMemory()) {
      lens.ingest(SharedArtifacts.file(JAFFLE_V12));
      try (Connection c = lens.connection()) {
        JsonNode expected = readNode(JAFFLE_V12, "nodes", "model.jaffle_shop.customers");
        assertThat(count(c, "SELECT count(*) FROM columns WHERE unique_id = 'model.jaffle_shop.customers'"))
            .isEqualTo(expected.get("columns").size());
        assertThat(text(c, "SELECT materialized || '|' || schema || '|' || original_file_path || '|' || checksum"
            + " FROM nodes WHERE unique_id = 'model.jaffle_shop.customers'"))
            .isEqualTo(expected.at("/config/materialized").asText() + "|" + expected.get("schema").asText()
                + "|" + expected.get("original_file_path").asText() + "|" + expected.at("/checksum/checksum").asText());
      }
    }
  }

  private static JsonNode readNode(String artifact, String group, String id) {
    try {
      return MAPPER.readTree(SharedArtifacts.file(artifact).toFile()).get(group).get(id);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Long> storeCounts(DbtLens lens) throws SQLException {
    try (Connection c = lens.connection()) {
      return grouped(c, """
          SELECT 'artifact', count(*) FROM store.artifact UNION ALL SELECT 'node_def', count(*) FROM store.node_def
          UNION ALL SELECT 'def_column', count(*) FROM store.def_column UNION ALL SELECT 'compiled', count(*) FROM store.compiled
          UNION ALL SELECT 'snapshot', count(*) FROM store.snapshot UNION ALL SELECT 'member', count(*) FROM store.snapshot_member
          UNION ALL SELECT 'edge', count(*) FROM store.snapshot_edge UNION ALL SELECT 'run_result', count(*) FROM store.run_result
          UNION ALL SELECT 'freshness', count(*) FROM store.freshness_result UNION ALL SELECT 'catalog', count(*) FROM store.catalog_entry
          UNION ALL SELECT 'stage', (SELECT count(*) FROM store.stage_member) + (SELECT count(*) FROM store.stage_def)""");
    }
  }
}
