package dev.dbtlens.graphql;

import dev.dbtlens.Lineage;
import dev.dbtlens.LineageNode;
import dev.dbtlens.NodeId;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code lineage(filter)}: dbt selection on core's in-memory graph (no SQL), each node with its
 * direct parents; {@code LineageNode.node} reads the full node through the DataLoader.
 */
final class LineageWiring {
  private LineageWiring() {}

  static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("LineageNode", t -> t.dataFetcher("node", env -> {
      LineageEntry entry = env.getSource();
      return Loaders.get(env, Loaders.NODE).load(entry.key());
    }));
  }

  static List<LineageEntry> lineage(DataFetchingEnvironment env) {
    String environment = StateWiring.environment(env).id();
    Args filter = Args.of(env.getArguments()).object("filter");
    Lineage lineage = Request.of(env).lineage(environment);
    String select = filter.str("select");
    List<String> selected = Selectors.select(lineage, select, filter.str("exclude"));
    Set<String> matches = select == null || select.isBlank() ? null
        : Selectors.methodMatches(lineage, select);
    List<String> types = ResourceTypes.dbt(filter.strings("types"));
    List<String> ids = filter.strings("uniqueIds");
    List<String> tags = filter.strings("tags");
    List<LineageEntry> out = new ArrayList<>();
    for (String id : selected) {
      LineageNode node = lineage.node(NodeId.of(id)).orElse(null);
      if (node == null || !keep(node, types, ids, tags)) {
        continue;
      }
      List<String> parents = lineage.upstream(node.uniqueId(), 1).stream().map(NodeId::value).toList();
      out.add(LineageEntry.of(environment, node, parents, matches == null || matches.contains(id)));
    }
    return out;
  }

  private static boolean keep(LineageNode node, List<String> types, List<String> ids, List<String> tags) {
    if (types != null && !types.contains(node.resourceType())) {
      return false;
    }
    if (ids != null && !ids.contains(node.uniqueId().value()) && !ids.contains(node.name())) {
      return false;
    }
    return tags == null || node.tags().stream().anyMatch(tags::contains);
  }
}
