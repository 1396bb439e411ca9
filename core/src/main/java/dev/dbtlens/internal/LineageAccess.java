package dev.dbtlens.internal;

import dev.dbtlens.Selection;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lineage graphs per environment (and per "as of" invocation), built once and kept until the next
 * ingest into that environment.
 */
public final class LineageAccess {
  private final Store store;
  private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

  /**
   * A built graph with what selection needs beside it. Immutable: a caller that holds one keeps
   * answering from the manifest it was built from, whatever is ingested later.
   */
  public static final class Loaded {
    private final Store store;
    private final LineageGraph graph;
    private final GraphLoader.ManifestRef ref;
    private final String rootProject;

    Loaded(Store store, LineageGraph graph, GraphLoader.ManifestRef ref, String rootProject) {
      this.store = store;
      this.graph = graph;
      this.ref = ref;
      this.rootProject = rootProject;
    }

    /** @return the graph */
    public LineageGraph graph() {
      return graph;
    }

    /** @return the indexes of the nodes a selection selects in this graph */
    public BitSet select(Selection selection) {
      StateData state = new StateData(store, graph, selection.stateInvocation());
      SelectorMethods methods = new SelectorMethods(graph, rootProject, state);
      Path file = selection.selectorsFile();
      return new SelectorEngine(graph, methods, GraphLoader.selectors(ref, file)).select(selection);
    }
  }

  /** @param store the database */
  public LineageAccess(Store store) {
    this.store = store;
  }

  /** @return the graph of an environment's latest manifest, or of the one in force at an invocation */
  public Loaded loaded(String environment, String asOf) {
    String key = environment + "\u0000" + (asOf == null ? "" : asOf);
    return cache.computeIfAbsent(key, k -> {
      GraphLoader.ManifestRef ref = GraphLoader.manifest(store, environment, asOf);
      LineageGraph g = GraphLoader.load(store, environment, ref);
      return new Loaded(store, g, ref, GraphLoader.rootProject(g, ref));
    });
  }

  /** Forgets the graphs of an environment: called after each ingest into it. */
  public void invalidate(String environment) {
    cache.keySet().removeIf(k -> k.startsWith(environment + "\u0000"));
  }

  /** @return the graph of an environment's latest manifest, or of the one in force at an invocation */
  public LineageGraph graph(String environment, String asOf) {
    return loaded(environment, asOf).graph();
  }

}
