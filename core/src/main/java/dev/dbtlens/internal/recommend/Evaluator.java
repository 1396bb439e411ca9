package dev.dbtlens.internal.recommend;

import dev.dbtlens.DbtLensException;
import dev.dbtlens.Recommendation;
import dev.dbtlens.RecommendationMetric;
import dev.dbtlens.RecommendationOptions;
import dev.dbtlens.Recommendations;
import dev.dbtlens.internal.lineage.GraphLoader;
import dev.dbtlens.internal.lineage.GraphNode;
import dev.dbtlens.internal.lineage.LineageGraph;
import dev.dbtlens.internal.select.LineageAccess;
import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.internal.store.Store;
import dev.dbtlens.internal.store.TableWriter;
import dev.dbtlens.ManifestCycleException;
import dev.dbtlens.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the rules of {@link Rules} over an environment's latest manifest: one pass over the
 * graph's adjacency arrays per rule, no recursion (chains of views are measured in topological
 * order).
 */
public final class Evaluator {
  private final Store store;
  private final LineageAccess lineage;

  public Evaluator(Store store, LineageAccess lineage) {
    this.store = store;
    this.lineage = lineage;
  }

  public Recommendations evaluate(String environment, RecommendationOptions options) {
    LineageGraph g = lineage.loaded(environment, null).graph();
    GraphLoader.ManifestRef ref = GraphLoader.manifest(store, environment, null);
    String project = GraphLoader.rootProject(g, ref);
    boolean enabledCode = !options.disabledRules().contains("fct_hard_coded_references");
    ProjectData d = ProjectData.load(store, g, enabledCode);
    Run run = new Run(g, d, options, project);
    run.all();
    List<Recommendation> out = run.out;
    out.sort(Comparator.comparing((Recommendation r) -> Rules.CATEGORIES.indexOf(r.category()))
        .thenComparing(Recommendation::ruleName)
        .thenComparing(r -> r.uniqueId() == null ? "" : r.uniqueId())
        .thenComparing(Recommendation::violationId));
    List<RecommendationMetric> metrics = new ArrayList<>();
    metrics.add(new RecommendationMetric("test_coverage_pct", run.testCoverage));
    metrics.add(new RecommendationMetric("documentation_coverage_pct", run.docCoverage));
    metrics.add(new RecommendationMetric("total_models", run.models.size()));
    metrics.add(new RecommendationMetric("tested_models", run.tested));
    metrics.add(new RecommendationMetric("documented_models", run.documented));
    for (String c : Rules.CATEGORIES) {
      metrics.add(new RecommendationMetric(c + "_violations",
          out.stream().filter(r -> r.category().equals(c)).count()));
    }
    metrics.add(new RecommendationMetric("total_violations", out.size()));
    return new Recommendations(environment, g.manifestInvocationId, project, out, metrics);
  }

  /** Heap the rules hold per node of the manifest: its lineage graph (measured: 0.7 KB) and their data. */
  static final long HEAP_PER_NODE = 1024;
  /** Heap the rules hold besides: the JVM's own classes, DuckDB's result buffers. */
  static final long HEAP_BASE = 64L << 20;

  /**
   * Refuses at once, instead of after a long fight with the garbage collector, to evaluate a
   * manifest whose graph cannot fit in the Java heap at all.
   */
  static void requireHeapFor(long nodes, long max) {
    long need = HEAP_BASE + nodes * HEAP_PER_NODE;
    if (max < need) {
      throw new DbtLensException("the manifest's " + nodes + " nodes need about " + (need >> 20)
          + " MB of Java heap, and the heap is " + (max >> 20) + " MB: run with -Xmx" + ((need >> 20) + 64)
          + "m or more, and ingest again to store them");
    }
  }

  /**
   * Stores the violations and metrics of an environment's latest manifest, with the package's
   * defaults, in {@code store.recommendation} and {@code store.recommendation_metric} (the SQL views
   * {@code recommendations} and {@code recommendation_metrics}), unless they are stored already for
   * that manifest. An environment without a manifest, or whose manifest has a cycle, gets no rows.
   *
   * @return whether rows were written
   */
  public boolean materialise(String environment) {
    String snapshot;
    long nodes;
    try (Connection c = store.duplicate(); PreparedStatement s = c.prepareStatement("""
        SELECT cm.snapshot_id, (SELECT any_value(snapshot_id) FROM store.recommendation_metric m
                                WHERE m.environment = cm.environment),
               (SELECT count(*) FROM store.snapshot_member sm WHERE sm.snapshot_id = cm.snapshot_id)
        FROM store.current_manifest cm WHERE cm.environment = ?""")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return false;
        }
        snapshot = r.getString(1);
        if (snapshot.equals(r.getString(2))) {
          return false;
        }
        nodes = r.getLong(3);
      }
    } catch (SQLException e) {
      throw new StorageException("reading the stored recommendations of environment " + environment, e);
    }
    requireHeapFor(nodes, Runtime.getRuntime().maxMemory());
    Recommendations result;
    try {
      result = evaluate(environment, RecommendationOptions.defaults());
    } catch (ManifestCycleException e) {
      result = null;
    }
    DuckDBConnection c = store.connection();
    Recommendations stored = result;
    try {
      Sql.inTransaction(c, () -> {
        for (String table : List.of("recommendation", "recommendation_metric")) {
          Sql.update(c, "DELETE FROM store." + table + " WHERE environment = ?", environment);
        }
        if (stored != null) {
          try (TableWriter w = new TableWriter(c, "recommendation")) {
            for (Recommendation v : stored.violations()) {
              w.begin().str(environment).str(snapshot).str(stored.manifestInvocationId()).str(v.ruleName())
                  .str(v.category()).str(v.severity()).str(v.uniqueId()).list(v.nodes()).str(v.violationId())
                  .str(v.description()).end();
            }
            w.finish();
          }
          try (TableWriter w = new TableWriter(c, "recommendation_metric")) {
            for (RecommendationMetric m : stored.metrics()) {
              w.begin().str(environment).str(snapshot).str(m.name()).num(m.value()).end();
            }
            w.finish();
          }
        }
        return null;
      });
    } catch (SQLException e) {
      throw new StorageException("storing the recommendations of environment " + environment, e);
    }
    store.changed();
    store.checkpoint();
    return result != null;
  }

  /** One evaluation. */
  private static final class Run {
    final LineageGraph g;
    final GraphNode[] n;
    final ProjectData d;
    final RecommendationOptions o;
    final String project;
    final List<Recommendation> out = new ArrayList<>();
    final List<Integer> models = new ArrayList<>();
    final List<Integer> sources = new ArrayList<>();
    final List<Integer> exposures = new ArrayList<>();
    final String[] type;
    final List<String> typeOrder;
    int tested;
    int documented;
    double testCoverage;
    double docCoverage;

    Run(LineageGraph g, ProjectData d, RecommendationOptions o, String project) {
      this.g = g;
      this.n = g.nodes;
      this.d = d;
      this.o = o;
      this.project = project;
      this.type = new String[n.length];
      List<String> order = new ArrayList<>();
      for (String t : List.of("staging", "intermediate", "marts", "other")) {
        if (o.prefixes().containsKey(t) || o.folders().containsKey(t)) {
          order.add(t);
        }
      }
      new java.util.TreeSet<>(o.prefixes().keySet()).forEach(t -> { if (!order.contains(t)) order.add(t); });
      new java.util.TreeSet<>(o.folders().keySet()).forEach(t -> { if (!order.contains(t)) order.add(t); });
      this.typeOrder = order;
      for (int i = 0; i < n.length; i++) {
        if (!inScope(i)) {
          continue;
        }
        switch (n[i].resourceType) {
          case "model" -> models.add(i);
          case "source" -> sources.add(i);
          case "exposure" -> exposures.add(i);
          default -> { }
        }
      }
      for (int i = 0; i < n.length; i++) {
        if ("model".equals(n[i].resourceType)) {
          type[i] = modelType(i);
        }
      }
    }

    boolean inScope(int i) {
      return o.includePackages() || project == null || project.equals(n[i].packageName);
    }

    boolean on(String rule) {
      return !o.disabledRules().contains(rule);
    }

    void add(String rule, int node, List<Integer> others, String reason) {
      List<String> ids = new ArrayList<>();
      if (node >= 0) {
        ids.add(n[node].uniqueId);
      }
      for (int k : others) {
        ids.add(n[k].uniqueId);
      }
      Rules.Rule r = Rules.ALL.get(rule);
      out.add(new Recommendation(rule, r.category(), o.severityOf(rule), node < 0 ? null : n[node].uniqueId,
          ids, rule + ":" + String.join(",", ids), reason));
    }

    /**
     * Whether a node is left out of the DAG the modeling rules walk: tests and unit tests (as in
     * the package), and the semantic layer (semantic models, metrics, saved queries), which the
     * package's graph does not hold.
     */
    boolean isTest(int i) {
      if (g.test[i]) {
        return true;
      }
      String t = n[i].resourceType;
      return "semantic_model".equals(t) || "metric".equals(t) || "saved_query".equals(t);
    }

    boolean is(int i, String resourceType) {
      return resourceType.equals(n[i].resourceType);
    }

    /** Parents that are not tests (nor the semantic layer). */
    List<Integer> parents(int i) {
      List<Integer> out = new ArrayList<>(g.parents[i].length);
      for (int p : g.parents[i]) {
        if (!isTest(p)) {
          out.add(p);
        }
      }
      return out;
    }

    /** Children that are not tests (nor the semantic layer). */
    List<Integer> children(int i) {
      List<Integer> out = new ArrayList<>(g.children[i].length);
      for (int c : g.children[i]) {
        if (!isTest(c)) {
          out.add(c);
        }
      }
      return out;
    }

    String names(List<Integer> idx) {
      return String.join(", ", idx.stream().map(this::label).toList());
    }

    String label(int i) {
      GraphNode x = n[i];
      return "source".equals(x.resourceType) && x.sourceName != null ? x.sourceName + "." + x.name : x.name;
    }

    static List<String> folders(String path) {
      if (path == null) {
        return List.of();
      }
      String[] parts = path.replace('\\', '/').split("/");
      return Arrays.asList(parts).subList(0, Math.max(0, parts.length - 1));
    }

    static String directory(String path) {
      return path == null ? "" : String.join("/", folders(path));
    }

    String prefixType(int i) {
      String name = n[i].name == null ? "" : n[i].name;
      for (String t : typeOrder) {
        for (String p : o.prefixes().getOrDefault(t, List.of())) {
          if (name.startsWith(p)) {
            return t;
          }
        }
      }
      return null;
    }

    String folderType(int i) {
      List<String> f = folders(n[i].originalFilePath);
      for (int k = f.size() - 1; k >= 0; k--) {
        for (String t : typeOrder) {
          if (f.get(k).equals(o.folders().get(t))) {
            return t;
          }
        }
      }
      return null;
    }

    String modelType(int i) {
      String p = prefixType(i);
      if (p != null) {
        return p;
      }
      String f = folderType(i);
      return f != null ? f : "other";
    }

    boolean physical(int i) {
      if (!is(i, "model")) {
        return true;
      }
      String m = n[i].materialized;
      return m != null && !m.equals("view") && !m.equals("ephemeral");
    }

    void all() {
      modeling();
      testing();
      documentation();
      structure();
      performance();
      governance();
    }

    void modeling() {
      for (int m : models) {
        List<Integer> ps = parents(m);
        List<Integer> src = ps.stream().filter(p -> is(p, "source")).toList();
        List<Integer> mod = ps.stream().filter(p -> is(p, "model")).toList();
        if (on("fct_direct_join_to_source") && !src.isEmpty() && !mod.isEmpty()) {
          List<Integer> both = new ArrayList<>(src);
          both.addAll(mod);
          add("fct_direct_join_to_source", m, both, "selects from source " + names(src) + " and model "
              + names(mod) + ": select the source through a staging model");
        }
        if (on("fct_multiple_sources_joined") && src.size() > 1) {
          add("fct_multiple_sources_joined", m, src, "selects from " + src.size() + " sources (" + names(src)
              + "): give each its own staging model and join downstream");
        }
        if (on("fct_marts_or_intermediate_dependent_on_source") && !src.isEmpty()
            && ("marts".equals(type[m]) || "intermediate".equals(type[m]))) {
          add("fct_marts_or_intermediate_dependent_on_source", m, src, type[m] + " model selects from source "
              + names(src) + ": select from its staging model");
        }
        if (on("fct_root_models") && ps.isEmpty()) {
          add("fct_root_models", m, List.of(), "has no parents: use ref() or source() instead of a hard-coded relation");
        }
        if ("staging".equals(type[m])) {
          for (int p : mod) {
            if (on("fct_staging_dependent_on_staging") && "staging".equals(type[p])) {
              add("fct_staging_dependent_on_staging", m, List.of(p), "staging model selects from staging model "
                  + n[p].name + ": staging models should select from sources only");
            }
            if (on("fct_staging_dependent_on_marts_or_intermediate")
                && ("marts".equals(type[p]) || "intermediate".equals(type[p]))) {
              add("fct_staging_dependent_on_marts_or_intermediate", m, List.of(p), "staging model selects from "
                  + type[p] + " model " + n[p].name);
            }
          }
        }
        if (on("fct_model_fanout")) {
          List<Integer> leaves = children(m).stream()
              .filter(c -> is(c, "model") && children(c).isEmpty()).sorted(this::byId).toList();
          if (leaves.size() >= o.modelsFanoutThreshold()) {
            add("fct_model_fanout", m, leaves, "has " + leaves.size() + " direct leaf children (threshold "
                + o.modelsFanoutThreshold() + "): " + names(leaves));
          }
        }
        if (on("fct_rejoining_of_upstream_concepts")) {
          // m is the model in between: its only child also selects from one of m's parents
          List<Integer> kids = children(m);
          if (kids.size() == 1 && is(kids.get(0), "model")) {
            int child = kids.get(0);
            for (int p : ps) {
              if (Arrays.stream(g.parents[child]).anyMatch(x -> x == p)) {
                add("fct_rejoining_of_upstream_concepts", m, List.of(p, child), n[child].name
                    + " selects from both " + label(p) + " and " + n[m].name + ", whose only child it is: fold "
                    + n[m].name + " into " + n[child].name);
              }
            }
          }
        }
        if (on("fct_hard_coded_references")) {
          List<String> refs = d.hardCodedRefs[m];
          if (refs != null && !refs.isEmpty()) {
            add("fct_hard_coded_references", m, List.of(), "names " + String.join(", ", refs)
                + " directly: use ref() or source()");
          }
        }
      }
      for (int s : sources) {
        List<Integer> kids = children(s);
        List<Integer> modelKids = kids.stream().filter(c -> is(c, "model")).sorted(this::byId).toList();
        if (on("fct_unused_sources") && kids.isEmpty()) {
          add("fct_unused_sources", s, List.of(), "source " + label(s) + " is not selected from by any model");
        }
        if (on("fct_source_fanout") && modelKids.size() > 1) {
          add("fct_source_fanout", s, modelKids, "source " + label(s) + " is selected from by " + modelKids.size()
              + " models (" + names(modelKids) + "): select it in one staging model");
        }
      }
      if (on("fct_duplicate_sources")) {
        Map<String, List<Integer>> byRelation = new TreeMap<>();
        for (int s : sources) {
          if (d.relation[s] != null) {
            byRelation.computeIfAbsent(d.relation[s], k -> new ArrayList<>()).add(s);
          }
        }
        byRelation.forEach((rel, list) -> {
          if (list.size() > 1) {
            List<Integer> sorted = list.stream().sorted(this::byId).toList();
            add("fct_duplicate_sources", sorted.get(0), sorted.subList(1, sorted.size()), list.size()
                + " sources point at " + rel + ": " + names(sorted));
          }
        });
      }
    }

    int byId(int a, int b) {
      return n[a].uniqueId.compareTo(n[b].uniqueId);
    }

    /** The model a test tests: its attached node, else its only model parent. */
    int testedModel(int t) {
      if (d.attachedNode[t] != null) {
        Integer i = g.indexOf(d.attachedNode[t]);
        return i == null ? -1 : i;
      }
      int found = -1;
      for (int p : g.parents[t]) {
        if (is(p, "model") || is(p, "seed") || is(p, "snapshot")) {
          if (found >= 0) {
            return -1;
          }
          found = p;
        }
      }
      return found;
    }

    void testing() {
      // primary key tests per model: unique and not_null on the same column, or unique_combination_of_columns
      Map<Integer, Map<String, int[]>> columnTests = new LinkedHashMap<>();
      boolean[] combination = new boolean[n.length];
      for (int t = 0; t < n.length; t++) {
        if (!is(t, "test") || n[t].testName == null) {
          continue;
        }
        int m = testedModel(t);
        if (m < 0) {
          continue;
        }
        String ns = d.testNamespace[t];
        String name = n[t].testName;
        if ("unique_combination_of_columns".equals(name) && "dbt_utils".equals(ns)) {
          combination[m] = true;
        } else if ((ns == null || "dbt".equals(ns)) && ("unique".equals(name) || "not_null".equals(name))
            && d.testColumn[t] != null) {
          int[] flags = columnTests.computeIfAbsent(m, k -> new TreeMap<>())
              .computeIfAbsent(d.testColumn[t].toLowerCase(java.util.Locale.ROOT), k -> new int[2]);
          flags["unique".equals(name) ? 0 : 1] = 1;
        }
      }
      List<Integer> untested = new ArrayList<>();
      for (int m : models) {
        boolean hasTest = Arrays.stream(g.children[m]).anyMatch(c -> is(c, "test"));
        if (hasTest) {
          tested++;
        } else {
          untested.add(m);
        }
        boolean pk = combination[m] || columnTests.getOrDefault(m, Map.of()).values().stream()
            .anyMatch(f -> f[0] == 1 && f[1] == 1);
        if (on("fct_missing_primary_key_tests") && !pk) {
          add("fct_missing_primary_key_tests", m, List.of(), "no unique and not_null test on one column, nor "
              + "dbt_utils.unique_combination_of_columns");
        }
      }
      for (int m : untested) {
        if (on("fct_untested_models")) {
          add("fct_untested_models", m, List.of(), "has no tests");
        }
      }
      testCoverage = pct(tested, models.size());
      if (on("fct_test_coverage") && !models.isEmpty() && testCoverage < o.testCoverageTarget()) {
        add("fct_test_coverage", -1, List.of(), "test coverage " + fmt(testCoverage) + "% (" + tested + " of "
            + models.size() + " models) is below the target " + fmt(o.testCoverageTarget()) + "%");
      }
    }

    void documentation() {
      for (int m : models) {
        if (!d.described[m]) {
          if (on("fct_undocumented_models")) {
            add("fct_undocumented_models", m, List.of(), "has no description");
          }
        } else {
          documented++;
        }
      }
      docCoverage = pct(documented, models.size());
      if (on("fct_documentation_coverage") && !models.isEmpty() && docCoverage < o.documentationCoverageTarget()) {
        add("fct_documentation_coverage", -1, List.of(), "documentation coverage " + fmt(docCoverage) + "% ("
            + documented + " of " + models.size() + " models) is below the target "
            + fmt(o.documentationCoverageTarget()) + "%");
      }
      Map<String, List<Integer>> bySource = new TreeMap<>();
      for (int s : sources) {
        if (on("fct_undocumented_source_tables") && !d.described[s]) {
          add("fct_undocumented_source_tables", s, List.of(), "source table " + label(s) + " has no description");
        }
        bySource.computeIfAbsent(n[s].sourceName == null ? "" : n[s].sourceName, k -> new ArrayList<>()).add(s);
      }
      if (on("fct_undocumented_sources")) {
        bySource.forEach((name, list) -> {
          if (list.stream().noneMatch(s -> d.sourceDescribed[s])) {
            List<Integer> sorted = list.stream().sorted(this::byId).toList();
            add("fct_undocumented_sources", sorted.get(0), List.of(), "source " + name + " has no description");
          }
        });
      }
    }

    void structure() {
      for (int m : models) {
        String pt = prefixType(m);
        if (on("fct_model_naming_conventions") && pt == null) {
          List<String> want = o.prefixes().getOrDefault(type[m], List.of());
          if (!want.isEmpty()) {
            add("fct_model_naming_conventions", m, List.of(), type[m] + " model's name should start with "
                + String.join(" or ", want));
          }
        }
        if (on("fct_model_directories") && pt != null) {
          String folder = o.folders().get(pt);
          List<String> f = folders(n[m].originalFilePath);
          if (folder != null && !f.contains(folder)) {
            add("fct_model_directories", m, List.of(), pt + " model is in " + directory(n[m].originalFilePath)
                + ", not in a " + folder + " folder");
          } else if (folder != null && "staging".equals(pt)) {
            List<Integer> src = parents(m).stream().filter(p -> is(p, "source")).toList();
            List<String> after = f.subList(f.lastIndexOf(folder) + 1, f.size());
            if (!src.isEmpty() && src.stream().noneMatch(s -> after.contains(n[s].sourceName))) {
              add("fct_model_directories", m, src, "staging model is in " + directory(n[m].originalFilePath)
                  + ", not in " + folder + "/" + n[src.get(0)].sourceName);
            }
          }
        }
      }
      String staging = o.folders().get("staging");
      if (on("fct_source_directories") && staging != null) {
        for (int s : sources) {
          String dir = directory(n[s].originalFilePath);
          String want = staging + "/" + n[s].sourceName;
          if (n[s].sourceName != null && !(dir.equals(want) || dir.endsWith("/" + want))) {
            add("fct_source_directories", s, List.of(), "source " + label(s) + " is defined in " + dir
                + ", not in " + want);
          }
        }
      }
      if (on("fct_test_directories")) {
        for (int t = 0; t < n.length; t++) {
          if (!is(t, "test") || n[t].testName == null || !inScope(t)) {
            continue;
          }
          int m = testedModel(t);
          if (m < 0 || !is(m, "model") || !inScope(m)) {
            continue;
          }
          String td = directory(n[t].originalFilePath);
          String md = directory(n[m].originalFilePath);
          if (n[t].originalFilePath != null && n[m].originalFilePath != null && !td.equals(md)) {
            add("fct_test_directories", t, List.of(m), "test of " + n[m].name + " is defined in " + td
                + ", the model in " + md);
          }
        }
      }
    }

    void performance() {
      if (on("fct_chained_views_dependencies")) {
        int[] chain = chains();
        for (int m : models) {
          if (chain[m] >= o.chainedViewsThreshold()) {
            add("fct_chained_views_dependencies", m, List.of(), "depends on a chain of " + chain[m]
                + " views or ephemeral models (threshold " + o.chainedViewsThreshold() + "): materialize one as a table");
          }
        }
      }
      if (on("fct_exposure_parents_materializations")) {
        for (int e : exposures) {
          for (int p : parents(e)) {
            if (is(p, "source")) {
              add("fct_exposure_parents_materializations", e, List.of(p), "exposure reads source " + label(p)
                  + " directly");
            } else if (is(p, "model") && !physical(p)) {
              add("fct_exposure_parents_materializations", e, List.of(p), "exposure reads " + n[p].name
                  + ", materialized as " + (n[p].materialized == null ? "view" : n[p].materialized)
                  + ": materialize it as a table or incremental");
            }
          }
        }
      }
    }

    /**
     * For every node, the number of edges on the longest path ending at it whose nodes but the
     * first are views or ephemeral models (the first is where the chain starts: a table, a seed, a
     * source or a view without parents). Computed in topological order.
     */
    int[] chains() {
      int[] chain = new int[n.length];
      int[] pending = new int[n.length];
      int[] queue = new int[n.length];
      int head = 0;
      int tail = 0;
      for (int i = 0; i < n.length; i++) {
        pending[i] = g.parents[i].length;
        if (pending[i] == 0) {
          queue[tail++] = i;
        }
      }
      while (head < tail) {
        int i = queue[head++];
        for (int c : g.children[i]) {
          if (!isTest(i) && !isTest(c)) {
            int via = physical(i) ? 1 : chain[i] + 1;
            if (via > chain[c]) {
              chain[c] = via;
            }
          }
          if (--pending[c] == 0) {
            queue[tail++] = c;
          }
        }
      }
      return chain;
    }

    void governance() {
      for (int e : exposures) {
        if (!on("fct_exposures_dependent_on_private_models")) {
          break;
        }
        for (int p : parents(e)) {
          if (is(p, "model") && !"public".equals(n[p].access)) {
            add("fct_exposures_dependent_on_private_models", e, List.of(p), "exposure reads " + n[p].name
                + ", whose access is " + (n[p].access == null ? "protected" : n[p].access) + ", not public");
          }
        }
      }
      for (int m : models) {
        if (!"public".equals(n[m].access)) {
          continue;
        }
        if (on("fct_public_models_without_contract") && !d.contractEnforced[m]) {
          add("fct_public_models_without_contract", m, List.of(), "public model without an enforced contract");
        }
        if (on("fct_undocumented_public_models")) {
          String why = !d.described[m] ? "has no description"
              : d.columns[m] == 0 ? "declares no columns"
              : d.undescribedColumns[m] > 0 ? d.undescribedColumns[m] + " of its " + d.columns[m]
                  + " columns have no description" : null;
          if (why != null) {
            add("fct_undocumented_public_models", m, List.of(), "public model " + why);
          }
        }
      }
    }

    static double pct(int part, int whole) {
      return whole == 0 ? 0 : Math.round(10000.0 * part / whole) / 100.0;
    }

    static String fmt(double v) {
      return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
  }

  /** Finds relation names written in code: {@code from db.schema.table}, {@code join schema.table}. */
  static final class HardCoded {
    private static final Pattern JINJA = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}|\\{#.*?#}", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final String PART = "(?:\"[^\"]+\"|`[^`]+`|\\[[^\\]]+]|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern REF = Pattern.compile(
        "\\b(?:from|join)\\s+(" + PART + "(?:\\s*\\.\\s*" + PART + "){1,2})(?!\\s*\\()",
        Pattern.CASE_INSENSITIVE);

    static List<String> find(String code) {
      String text = COMMENT.matcher(JINJA.matcher(code).replaceAll("__jinja__")).replaceAll(" ");
      Set<String> found = new java.util.TreeSet<>();
      Matcher m = REF.matcher(text);
      while (m.find()) {
        String rest = text.substring(m.end()).stripLeading();
        if (rest.startsWith(")") || m.group(1).contains("__jinja__")) {
          continue; // extract(year from t.col), or a relation rendered by Jinja
        }
        found.add(m.group(1).replaceAll("\\s+", ""));
      }
      return new ArrayList<>(found);
    }
  }
}
