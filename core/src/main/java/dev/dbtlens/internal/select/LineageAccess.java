package dev.dbtlens.internal.select;

import dev.dbtlens.internal.lineage.GraphLoader;
import dev.dbtlens.internal.lineage.LineageGraph;
import dev.dbtlens.internal.store.Store;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.Selection;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
   * answering from the manifest it was built from, whatever is ingested later. A selection costs
   * about the size of what it selects: the manifest's YAML selectors are parsed once, on first use,
   * node configs are read on the first {@code config:} selection, and history is read only by
   * {@code state:}, {@code result:} and {@code source_status:}.
   */
  public static final class Loaded {
    private final Store store;
    private final LineageGraph graph;
    private final GraphLoader.ManifestRef ref;
    private final String rootProject;
    private volatile Map<String, JsonNode> manifestSelectors;
    private volatile JsonNode[] configs;

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

    /** The indexes of the nodes a selection selects, and dbt's warnings about it. */
    public record Selected(BitSet nodes, List<String> warnings) {}

    /** @return the indexes of the nodes a selection selects in this graph */
    public BitSet select(Selection selection) {
      return selectWithWarnings(selection).nodes();
    }

    /** @return the indexes of the nodes a selection selects in this graph, with dbt's warnings */
    public Selected selectWithWarnings(Selection selection) {
      StateData state = new StateData(store, graph, selection.stateInvocation());
      SelectorMethods methods = new SelectorMethods(graph, rootProject, state, this::configs);
      Path file = selection.selectorsFile();
      // a selectors.yml is read on each use (it may change); the manifest's selectors never do
      Supplier<Map<String, JsonNode>> selectors = file != null ? new Supplier<>() {
        private Map<String, JsonNode> read;

        @Override
        public Map<String, JsonNode> get() {
          if (read == null) {
            read = GraphLoader.selectors(ref, file);
          }
          return read;
        }
      } : this::manifestSelectors;
      SelectorEngine engine = new SelectorEngine(graph, methods, selectors, file == null ? null : file.toString());
      BitSet nodes = engine.select(selection);
      return new Selected(nodes, engine.warnings());
    }

    /** @return the manifest JSON of those nodes, by unique id (see {@link GraphLoader#rawJson}) */
    public Map<String, String> rawJson(List<String> ids) {
      return GraphLoader.rawJson(store, graph, ids);
    }

    /** Node configs, read on the first {@code config:} selection and kept with the graph. */
    private JsonNode[] configs() {
      JsonNode[] c = configs;
      if (c == null) {
        synchronized (this) {
          if (configs == null) {
            configs = GraphLoader.configs(store, graph);
          }
          c = configs;
        }
      }
      return c;
    }

    private Map<String, JsonNode> manifestSelectors() {
      Map<String, JsonNode> m = manifestSelectors;
      if (m == null) {
        m = Collections.unmodifiableMap(GraphLoader.selectors(ref, null));
        manifestSelectors = m;
      }
      return m;
    }
  }

  /** @param store the database */
  public LineageAccess(Store store) {
    this.store = store;
  }

  /** @return the graph of an environment's latest manifest, or of the one in force at an invocation */
  public Loaded loaded(String environment, String asOfIdOrPrefix) {
    String asOf = asOfIdOrPrefix == null ? null : Invocations.resolve(store, environment, asOfIdOrPrefix);
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
