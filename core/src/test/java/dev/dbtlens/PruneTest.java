package dev.dbtlens;

import static dev.dbtlens.MigrationTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbtlens.testdata.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pruning the sample's five invocations (generated_at from the files' metadata: 001 06:02, 002 07:01,
 * 003 08:02, 004 09:01, 005 10:02 on 2026-01-05; run results 164, -, 164, 110, 30; 12 freshness
 * results in 002; catalogs in 001 and 003).
 */
class PruneTest {
  static final String INV_001 = "1d7b3296-40af-4787-8188-f3c08959b7ec";
  static final String INV_002 = "c57b46a2-72fe-4b3c-b27d-034f501845b6";
  static final String INV_003 = "5c591fe3-0e21-4e2f-bee4-cb7d8dfa5063";
  static final String INV_004 = "417d399f-2653-4373-827c-e266e574f70c";
  static final String INV_005 = "6a24778b-c1b6-4dda-91b8-845217a6c4b8";
  /**
   * Definitions and compiled code the manifests of 003, 004 and 005 hold, read before pruning: the
   * current state (005's manifest) takes compiled code from 003 and 004 and its catalog from 003,
   * so these are kept whatever the limit.
   */
  static final String KEPT_DEFS = "SELECT count(DISTINCT m.def_hash) FROM store.artifact a"
      + " JOIN store.snapshot_member m USING (snapshot_id) WHERE a.kind = 'manifest' AND a.invocation_id IN ('"
      + INV_003 + "', '" + INV_004 + "', '" + INV_005 + "')";
  static final String KEPT_COMPILED = KEPT_DEFS.replace("count(DISTINCT m.def_hash)",
      "count(DISTINCT m.compiled_hash)");

  @TempDir Path tmp;

  private DbtLens sample(Path db, String... environments) {
    DbtLens lens = DbtLens.open(db);
    Path shop = Samples.extractShopSample(tmp.resolve("sample"));
    for (String env : environments) {
      lens.ingest(IngestOptions.defaults().withEnvironment(env), List.of(shop));
    }
    return lens;
  }

  @Test
  void keepRunsRemovesOlderInvocationsTheirRowsAndUnreferencedDefinitionsThenCompacts() throws Exception {
    Path db = tmp.resolve("lens.duckdb");
    try (DbtLens lens = sample(db, "prod")) {
      List<String> nodesBefore;
      List<String> catalogBefore;
      long keptDefs;
      long keptCompiled;
      try (Connection c = lens.connection()) {
        nodesBefore = rows(c, "SELECT * FROM nodes ORDER BY ALL");
        catalogBefore = rows(c, "SELECT * FROM catalog ORDER BY ALL");
        keptDefs = Long.parseLong(rows(c, KEPT_DEFS).get(0));
        keptCompiled = Long.parseLong(rows(c, KEPT_COMPILED).get(0));
        assertThat(rows(c, "SELECT count(*) FROM store.node_def")).containsExactly("284");
      }
      assertThat(keptDefs).isBetween(200L, 283L);

      PruneReport r = lens.prune(PruneOptions.keepRuns(2).withEnvironment("prod"));

      assertThat(r.dryRun()).isFalse();
      assertThat(r.invocations()).extracting(PruneReport.Removed::invocationId)
          .containsExactly(INV_001, INV_002);
      assertThat(r.invocations()).extracting(PruneReport.Removed::command)
          .containsExactly("build", "source freshness");
      assertThat(r.invocations().get(0).generatedAt()).isEqualTo(Instant.parse("2026-01-05T06:02:32.808898Z"));
      assertThat(r.rowsRemoved()).containsEntry("store.run_result", 164L)
          .containsEntry("store.freshness_result", 12L)
          .containsEntry("store.artifact", 5L)
          .containsEntry("store.run_ids", 2L)
          .containsEntry("store.snapshot", 3L) // the manifests of 001 and 002, the catalog of 001
          .containsEntry("store.node_def", 284 - keptDefs);
      assertThat(r.definitionsRemoved()).isEqualTo(284 - keptDefs);
      assertThat(r.bytesAfter()).isLessThan(r.bytesBefore()).isEqualTo(Files.size(db));
      assertThat(Files.exists(tmp.resolve("lens.duckdb.compact"))).isFalse();

      try (Connection c = lens.connection()) {
        assertThat(rows(c, "SELECT invocation_id FROM invocations ORDER BY generated_at"))
            .containsExactly(INV_003, INV_004, INV_005);
        assertThat(rows(c, "SELECT count(*) FROM run_results")).containsExactly("304");
        assertThat(rows(c, "SELECT count(*) FROM source_freshness")).containsExactly("0");
        assertThat(rows(c, "SELECT count(*) FROM artifacts")).containsExactly("7");
        assertThat(rows(c, "SELECT * FROM catalog ORDER BY ALL")).isEqualTo(catalogBefore);
        assertThat(rows(c, "SELECT count(*) FROM store.node_def")).containsExactly(String.valueOf(keptDefs));
        assertThat(rows(c, "SELECT count(*) FROM store.compiled")).containsExactly(String.valueOf(keptCompiled));
        assertThat(rows(c, "SELECT count(*) FROM store.def_column d WHERE NOT EXISTS"
            + " (SELECT 1 FROM store.node_def n WHERE n.def_hash = d.def_hash)")).containsExactly("0");
        assertThat(rows(c, "SELECT count(*) FROM store.snapshot WHERE kind = 'catalog'")).containsExactly("1");
        // the current manifest's nodes are what they were
        assertThat(rows(c, "SELECT * FROM nodes ORDER BY ALL")).isEqualTo(nodesBefore);
        assertThat(rows(c, "SELECT count(*) FROM store.current_execution")).isNotEqualTo(List.of("0"));
      }
      assertThat(lens.runHistory("prod", "model.shop.fct_events", 10)).hasSize(2); // 003 and 005
      assertThat(lens.lineage("prod").select(Selection.of("+fct_events")))
          .filteredOn(id -> !id.toString().startsWith("test.")).hasSize(32);
      // pruning again removes nothing
      PruneReport again = lens.prune(PruneOptions.keepRuns(2));
      assertThat(again.invocations()).isEmpty();
      assertThat(again.rowsRemoved()).isEmpty();
    }
    try (DbtLens lens = DbtLens.openReadOnly(db)) {
      assertThat(lens.invocations("prod")).hasSize(3);
    }
  }

  @Test
  void keepDaysCountsBackFromNowAndAlwaysKeepsTheCurrentManifest() {
    try (DbtLens lens = sample(tmp.resolve("lens.duckdb"), "prod")) {
      PruneOptions oneDay = PruneOptions.keepDays(1).asOf(Instant.parse("2026-01-06T08:30:00Z"));
      PruneReport dry = lens.prune(oneDay.withDryRun(true));
      assertThat(dry.dryRun()).isTrue();
      assertThat(dry.invocations()).extracting(PruneReport.Removed::invocationId)
          .containsExactly(INV_001, INV_002); // 003 gives the current catalog and compiled code
      assertThat(dry.rowsRemoved()).containsEntry("store.run_result", 164L);
      assertThat(dry.bytesAfter()).isEqualTo(dry.bytesBefore());
      assertThat(lens.invocations("prod")).hasSize(5); // nothing changed

      // years later: everything is older, but what the current state draws on stays
      PruneReport r = lens.prune(PruneOptions.keepDays(30).asOf(Instant.parse("2030-01-01T00:00:00Z")));
      assertThat(r.invocations()).extracting(PruneReport.Removed::invocationId)
          .containsExactly(INV_001, INV_002);
      assertThat(r.rowsRemoved()).containsEntry("store.run_result", 164L);
      assertThat(lens.invocations("prod")).extracting(Invocation::invocationId)
          .containsExactlyInAnyOrder(INV_003, INV_004, INV_005);
      assertThat(lens.nodes("prod")).isNotEmpty();
    }
  }

  @Test
  void oneEnvironmentIsPrunedAloneAndSharedDefinitionsStay() throws Exception {
    try (DbtLens lens = sample(tmp.resolve("lens.duckdb"), "prod", "staging")) {
      PruneReport r = lens.prune(PruneOptions.keepRuns(1).withEnvironment("staging"));
      assertThat(r.invocations()).hasSize(2).allMatch(i -> i.environment().equals("staging"));
      assertThat(r.definitionsRemoved()).isZero();
      assertThat(r.rowsRemoved()).doesNotContainKey("store.node_def")
          .containsEntry("store.run_result", 164L);
      assertThat(lens.invocations("prod")).hasSize(5);
      assertThat(lens.invocations("staging")).extracting(Invocation::invocationId)
          .containsExactlyInAnyOrder(INV_003, INV_004, INV_005);
      try (Connection c = lens.connection()) {
        assertThat(rows(c, "SELECT count(*) FROM store.node_def")).containsExactly("284");
        assertThat(rows(c, "SELECT environment, count(*) FROM run_results GROUP BY environment ORDER BY 1"))
            .containsExactly("prod|468", "staging|304");
      }
      assertThatThrownBy(() -> lens.prune(PruneOptions.keepRuns(1).withEnvironment("nope")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no environment 'nope'");
    }
  }

  @Test
  void optionsNeedExactlyOneLimit() {
    Instant now = Instant.now();
    assertThatThrownBy(() -> new PruneOptions(null, 1, 1, false, now))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> new PruneOptions(null, null, null, false, now))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> PruneOptions.keepRuns(0)).hasMessageContaining("1 or more");
    assertThatThrownBy(() -> PruneOptions.keepDays(-1)).hasMessageContaining("0 or more");
    assertThat(Map.of()).isEmpty();
  }
}
