package dev.dbtlens;

import dev.dbtlens.internal.lineage.LineageGraph;
import dev.dbtlens.internal.select.LineageAccess;
import java.util.List;
import java.util.Optional;

/**
 * The dependency graph of one environment's manifest (its latest, or the one in force at a given
 * invocation), with dbt's node selection. Built once and cached until the next ingest into the
 * environment; queries never rebuild it. An instance keeps answering from the manifest it was built
 * from, whatever is ingested later: ask {@link DbtLens#lineage} again for the newest. "Nothing
 * found" is an empty list, never null.
 */
public final class Lineage {
  private final LineageAccess.Loaded loaded;
  private final LineageGraph graph;

  Lineage(LineageAccess.Loaded loaded) {
    this.loaded = loaded;
    this.graph = loaded.graph();
  }

  /** @return the environment */
  public String environment() {
    return graph.environment();
  }

  /** @return the invocation whose manifest this is */
  public String manifestInvocationId() {
    return graph.manifestInvocationId();
  }

  /** @return every node (models, tests, seeds, snapshots, sources, exposures, metrics, ...), sorted */
  public List<NodeId> nodes() {
    return graph.nodeIds();
  }

  /**
   * @param id a node id
   * @return the node, if the graph has it
   */
  public Optional<LineageNode> node(NodeId id) {
    return Optional.ofNullable(graph.node(id.value()));
  }

  /**
   * The nodes as the manifest defines them, for {@code dbt ls --output json}.
   *
   * @param ids nodes of this graph
   * @return each node's JSON text as the manifest holds it (keys in dbt's order), in the order of
   *     {@code ids}; nodes the manifest does not define (parents kept only for their edges) are
   *     left out
   */
  public java.util.Map<NodeId, String> nodesJson(List<NodeId> ids) {
    java.util.Map<String, String> raw = loaded.rawJson(ids.stream().map(NodeId::value).toList());
    java.util.Map<NodeId, String> out = new java.util.LinkedHashMap<>();
    raw.forEach((id, json) -> out.put(NodeId.of(id), json));
    return out;
  }

  /**
   * A selector for one node, as {@code dbtlens ls --output selector} prints it: dbt's ({@link
   * LineageNode#selector()}), unless that also selects other nodes of this graph (dbt's fqn match
   * takes prefixes, so a seed {@code shop.lookups} also selects the models in a folder {@code
   * lookups}); then it is narrowed by {@code ,resource_type:TYPE}, and failing that by {@code
   * ,path:FILE}.
   *
   * @param id a node
   * @return a selector that selects exactly that node (with indirect selection {@code empty}, and
   *     {@code --resource-type operation} for hooks)
   * @throws NotFoundException if the graph has no such node
   */
  public String selector(NodeId id) {
    require(id);
    LineageNode n = graph.node(id.value());
    String dbt = n.selector();
    List<String> candidates = new java.util.ArrayList<>(List.of(dbt, dbt + ",resource_type:" + n.resourceType()));
    String file = n.originalFilePath();
    if (file != null && !file.isEmpty() && file.chars().noneMatch(Character::isWhitespace) && !file.contains(",")) {
      candidates.add(dbt + ",resource_type:" + n.resourceType() + ",path:" + file);
    }
    for (String candidate : candidates) {
      Selection back = Selection.of(candidate).withIndirectSelection(IndirectSelection.EMPTY);
      if (n.resourceType().equals("operation")) {
        back = back.withResourceTypes("operation");
      }
      if (select(back).equals(List.of(id))) {
        return candidate;
      }
    }
    return dbt;
  }

  /**
   * @param id a node
   * @param depth generations up, or -1 for all
   * @return its ancestors within that depth, sorted, without the node
   * @throws NotFoundException if the graph has no such node
   */
  public List<NodeId> upstream(NodeId id, int depth) {
    return graph.reach(require(id), true, depth);
  }

  /**
   * @param id a node
   * @param depth generations down, or -1 for all
   * @return its descendants within that depth, sorted, without the node
   * @throws NotFoundException if the graph has no such node
   */
  public List<NodeId> downstream(NodeId id, int depth) {
    return graph.reach(require(id), false, depth);
  }

  /**
   * @param from an upstream node
   * @param to a downstream node
   * @return the shortest chain of dependencies from one to the other, both included; empty if
   *     {@code to} does not depend on {@code from}
   */
  public List<NodeId> shortestPath(NodeId from, NodeId to) {
    return graph.shortestPath(require(from), require(to));
  }

  /**
   * @param among nodes
   * @return the dependencies between them, sorted by parent then child
   */
  public List<LineageEdge> edges(List<NodeId> among) {
    return graph.edgesAmong(among);
  }

  /**
   * Selects nodes with dbt's node selection syntax (see docs/selection.md). Costs about the size
   * of the selection: {@code fqn:}, {@code tag:} and {@code resource_type:} use indexes built once
   * per graph; only {@code state:}, {@code result:} and {@code source_status:} query the database.
   *
   * @param selection what to select, as {@code dbt ls} takes it
   * @return the selected node ids, sorted
   * @throws SelectorSyntaxException for an expression dbt would refuse
   * @throws InvocationNotFoundException if the state invocation is unknown, ambiguous, or lacks
   *     the artifact a history method needs
   */
  public List<NodeId> select(Selection selection) {
    return graph.ids(loaded.select(selection));
  }

  /**
   * Selects as {@link #select} does, and says what dbt would warn about: each space-separated part
   * of a {@code --select} value that matches nothing ("The selection criterion 'X' does not match
   * any enabled nodes"; exclusions never warn) and an empty result ("No nodes selected!").
   *
   * @param selection what to select
   * @return the selected node ids, sorted, and the warnings in the order dbt gives them
   * @throws SelectorSyntaxException for an expression dbt would refuse
   */
  public SelectionResult selectWithWarnings(Selection selection) {
    LineageAccess.Loaded.Selected s = loaded.selectWithWarnings(selection);
    return new SelectionResult(graph.ids(s.nodes()), s.warnings());
  }

  private String require(NodeId id) {
    if (!graph.contains(id.value())) {
      throw new NotFoundException("Node '" + id + "' not found in the lineage of environment '"
          + graph.environment() + "'.");
    }
    return id.value();
  }
}
