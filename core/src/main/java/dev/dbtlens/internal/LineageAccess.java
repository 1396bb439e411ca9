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

  /** A built graph with what selection needs beside it. */
  record Loaded(LineageGraph graph, GraphLoader.ManifestRef ref, String rootProject) {}

  /** @param store the database */
  public LineageAccess(Store store) {
    this.store = store;
  }

  Loaded loaded(String environment, String asOf) {
    String key = environment + "\u0000" + (asOf == null ? "" : asOf);
    return cache.computeIfAbsent(key, k -> {
      GraphLoader.ManifestRef ref = GraphLoader.manifest(store, environment, asOf);
      LineageGraph g = GraphLoader.load(store, environment, ref);
      return new Loaded(g, ref, GraphLoader.rootProject(g, ref));
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

  /** @return the indexes of the nodes a selection selects */
  public BitSet select(String environment, String asOf, Selection selection) {
    Loaded l = loaded(environment, asOf);
    StateData state = new StateData(store, l.graph(), selection.stateInvocation());
    SelectorMethods methods = new SelectorMethods(l.graph(), l.rootProject(), state);
    Path file = selection.selectorsFile();
    return new SelectorEngine(l.graph(), methods, GraphLoader.selectors(l.ref(), file)).select(selection);
  }
}
