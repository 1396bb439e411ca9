package dev.dbtlens.internal.columns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.internal.columns.ModelLineage.OutColumn;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Parse and resolution coverage over every compiled model of the shared manifests (each distinct
 * compiled SQL counted once), per adapter. The numbers are those in docs/column-lineage.md.
 */
class CorpusCoverageTest {

  static final class Tally {
    int models;
    int parsed;
    int columns;
    int resolved;
    int constant;
    final Map<String, Integer> errors = new TreeMap<>();

    double parsedShare() {
      return models == 0 ? 1 : (double) parsed / models;
    }

    double resolvedShare() {
      return columns == 0 ? 1 : (double) resolved / columns;
    }

    double resolvedNonConstantShare() {
      return columns - constant == 0 ? 1 : (double) resolved / (columns - constant);
    }

    void add(Tally o) {
      models += o.models;
      parsed += o.parsed;
      columns += o.columns;
      resolved += o.resolved;
      constant += o.constant;
      o.errors.forEach((k, v) -> errors.merge(k, v, Integer::sum));
    }
  }

  static Map<String, Tally> measure() throws Exception {
    Map<String, Tally> byAdapter = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Path p : Corpus.manifests()) {
      Corpus.Manifest m;
      try {
        m = Corpus.read(p);
      } catch (Exception e) {
        continue;
      }
      Tally t = byAdapter.computeIfAbsent(m.adapter(), k -> new Tally());
      LineageBuilder.build(m.nodes(), 2, (n, l) -> {
        String h = HexFormat.of().formatHex(sha.digest(n.compiledSql().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (!seen.add(h)) {
          return;
        }
        t.models++;
        if (l.errorCategory() != null) {
          t.errors.merge(l.errorCategory(), 1, Integer::sum);
          return;
        }
        t.parsed++;
        for (OutColumn c : l.columns()) {
          t.columns++;
          if (c.parents().stream().anyMatch(Origin::known)) {
            t.resolved++;
          } else if (c.parents().isEmpty() && c.errorCategory() == null) {
            t.constant++;
          } else if (c.errorCategory() != null) {
            t.errors.merge(c.errorCategory(), 1, Integer::sum);
          }
        }
      });
    }
    return byAdapter;
  }

  @Test
  void coverageOfTheRealCorpus() throws Exception {
    Map<String, Tally> by = measure();
    Tally all = new Tally();
    StringBuilder report = new StringBuilder("| adapter | models | parsed | columns | resolved | resolved (non-constant) |\n");
    by.forEach((k, t) -> {
      all.add(t);
      report.append(row(k, t));
    });
    report.append(row("all", all));
    System.out.println(report);
    System.out.println("errors: " + all.errors);
    assertThat(all.models).isGreaterThan(2000);
    assertThat(all.parsedShare()).isGreaterThanOrEqualTo(0.95);
    // docs/column-lineage.md reports these: a change in resolution must show here first
    assertThat(all.resolved).as("output columns resolved to a parent column").isGreaterThanOrEqualTo(31_275);
    assertThat(all.resolvedNonConstantShare()).isGreaterThanOrEqualTo(0.998);
  }

  private static String row(String k, Tally t) {
    return String.format("| %s | %d | %d (%.1f%%) | %d | %d (%.1f%%) | %.1f%% |%n", k, t.models, t.parsed,
        100 * t.parsedShare(), t.columns, t.resolved, 100 * t.resolvedShare(), 100 * t.resolvedNonConstantShare());
  }
}
