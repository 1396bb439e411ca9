package dev.dbtlens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of {@code expected/artifacts.tsv}, computed from the shared artifacts with jq by {@code
 * scripts/expected-values.sh}, independently of dbtlens.
 */
record ExpectedArtifact(Map<String, String> cells) {

  static List<ExpectedArtifact> all() {
    try (InputStream in = ExpectedArtifact.class.getResourceAsStream("expected/artifacts.tsv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      String[] header = lines.get(0).split("\t", -1);
      List<ExpectedArtifact> out = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split("\t", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
          row.put(header[i], cells[i]);
        }
        out.add(new ExpectedArtifact(row));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String get(String column) {
    return cells.get(column);
  }

  long number(String column) {
    String v = cells.get(column);
    return v == null || v.isEmpty() ? 0 : Long.parseLong(v);
  }

  /** @return {@code a=1;b=2} as a sorted map */
  Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    String v = cells.get("counts");
    if (v == null || v.isEmpty()) {
      return out;
    }
    for (String pair : v.split(";")) {
      int eq = pair.lastIndexOf('=');
      out.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
    }
    return out;
  }

  boolean preV1() {
    return "pre-v1".equals(get("schema_version"));
  }

  @Override
  public String toString() {
    return get("path") + " [" + get("schema_version") + ", dbt " + get("dbt_version") + "]";
  }
}
