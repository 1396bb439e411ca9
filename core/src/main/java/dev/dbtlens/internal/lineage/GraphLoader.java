package dev.dbtlens.internal.lineage;

import dev.dbtlens.internal.dbt.Json;
import dev.dbtlens.internal.store.Environments;
import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.internal.store.Store;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dbtlens.ArtifactFormatException;
import dev.dbtlens.NotFoundException;
import dev.dbtlens.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a manifest snapshot's nodes and edges from the database into a {@link LineageGraph}. */
public final class GraphLoader {
  private GraphLoader() {}

  /** The manifest a graph is built from. */
  public record ManifestRef(String invocationId, String snapshotId, String projectName, String selectorsJson) {}

  /**
   * @param asOfInvocation null for the latest manifest, else the manifest in force at that invocation
   */
  public static ManifestRef manifest(Store store, String environment, String asOfInvocation) {
    String sql = asOfInvocation == null
        ? """
          SELECT invocation_id, snapshot_id, project_name, selectors::VARCHAR FROM store.artifact
          WHERE environment = ? AND kind = 'manifest'
          ORDER BY generated_at DESC, ingested_at DESC, invocation_id DESC LIMIT 1"""
        : """
          WITH as_of AS (SELECT max(generated_at) AS t FROM store.artifact WHERE environment = ? AND invocation_id = ?)
          SELECT invocation_id, snapshot_id, project_name, selectors::VARCHAR FROM store.artifact, as_of
          WHERE environment = ? AND kind = 'manifest' AND as_of.t IS NOT NULL
          ORDER BY (generated_at <= as_of.t) DESC,
                   CASE WHEN generated_at <= as_of.t THEN epoch(generated_at) ELSE -epoch(generated_at) END DESC
          LIMIT 1""";
    Object[] params = asOfInvocation == null ? new Object[] {environment}
        : new Object[] {environment, asOfInvocation, environment};
    try (Connection c = store.duplicate(); PreparedStatement s = c.prepareStatement(sql)) {
      Sql.bind(s, params);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          Environments.require(store, environment);
          throw new NotFoundException(asOfInvocation == null
              ? "Environment '" + environment + "' has no manifest."
              : "Invocation '" + asOfInvocation + "' not found in environment '" + environment + "', or the environment has no manifest.");
        }
        return new ManifestRef(r.getString(1), r.getString(2), r.getString(3), r.getString(4));
      }
    } catch (SQLException e) {
      throw new StorageException("finding the manifest of environment " + environment, e);
    }
  }

  /**
   * One instance per distinct string: types, packages, fqn folders, tags, the YAML files tests
   * and patches come from and the like repeat on most nodes, and the graph lives as long as the
   * environment is queried; edges name the nodes' own id strings (a 100k-model manifest has over a
   * million edge ends).
   */
  private static final class Shared {
    private final Map<String, String> strings = new HashMap<>();

    String of(String s) {
      return s == null ? null : strings.computeIfAbsent(s, k -> k);
    }

    List<String> of(java.sql.Array a) throws SQLException {
      if (a == null) {
        return List.of();
      }
      Object[] values = (Object[]) a.getArray();
      String[] out = new String[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = of(String.valueOf(values[i]));
      }
      return List.of(out);
    }
  }

  public static LineageGraph load(Store store, String environment, ManifestRef ref) {
    Shared shared = new Shared();
    List<GraphNode> nodes = new ArrayList<>();
    List<String[]> edges = new ArrayList<>();
    try (Connection c = store.duplicate()) {
      try (PreparedStatement s = c.prepareStatement("""
          SELECT d.unique_id, d.resource_type, d.name, d.package_name, d.original_file_path, d.path,
                 d.patch_path, d.fqn, d.tags, d.alias, d.access, d.group_name, d.version, d.latest_version,
                 d.test_metadata->>'name', d.source_name, d.materialized
          FROM store.snapshot_member m JOIN store.node_def d ON d.def_hash = m.def_hash
          WHERE m.snapshot_id = ? AND d.resource_type NOT IN ('macro', 'group', 'doc')
          ORDER BY d.unique_id""")) {
        s.setString(1, ref.snapshotId());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String name = r.getString(3);
            String alias = r.getString(10);
            nodes.add(new GraphNode(shared.of(r.getString(1)), shared.of(r.getString(2)), name,
                shared.of(r.getString(4)), shared.of(r.getString(5)), r.getString(6), shared.of(r.getString(7)), shared.of(r.getArray(8)),
                shared.of(r.getArray(9)), name != null && name.equals(alias) ? name : alias,
                shared.of(r.getString(11)), shared.of(r.getString(12)), shared.of(r.getString(13)),
                shared.of(r.getString(14)), shared.of(r.getString(15)), shared.of(r.getString(16)),
                shared.of(r.getString(17))));
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement(
          "SELECT parent_id, child_id FROM store.snapshot_edge WHERE snapshot_id = ? ORDER BY parent_id, child_id")) {
        s.setString(1, ref.snapshotId());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            edges.add(new String[] {shared.of(r.getString(1)), shared.of(r.getString(2))}); // the nodes' ids
          }
        }
      }
    } catch (SQLException e) {
      throw new StorageException("loading the lineage graph of environment " + environment, e);
    }
    return new LineageGraph(environment, ref.invocationId(), ref.snapshotId(), nodes, edges);
  }

  /**
   * @return the config of each node of the graph, by index (empty objects for bare nodes), read and
   *     parsed in one pass
   */
  public static JsonNode[] configs(Store store, LineageGraph graph) {
    JsonNode[] out = new JsonNode[graph.nodes.length];
    try (Connection c = store.duplicate(); PreparedStatement s = c.prepareStatement("""
        SELECT m.unique_id, d.config::VARCHAR
        FROM store.snapshot_member m JOIN store.node_def d ON d.def_hash = m.def_hash
        WHERE m.snapshot_id = ? AND d.resource_type NOT IN ('macro', 'group', 'doc')""")) {
      s.setString(1, graph.snapshotId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Integer i = graph.indexOf(r.getString(1));
          String json = r.getString(2);
          if (i != null && json != null) {
            out[i] = Json.MAPPER.readTree(json);
          }
        }
      }
    } catch (SQLException e) {
      throw new StorageException("reading node configs of environment " + graph.environment, e);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("parsing a stored node config of environment " + graph.environment, e);
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) {
        out[i] = Json.MAPPER.createObjectNode();
      }
    }
    return out;
  }

  /**
   * @param ids unique ids of nodes of the graph
   * @return each one's JSON as the manifest holds it, by unique id in the order asked (ids the
   *     snapshot lacks, such as bare nodes, are left out)
   */
  public static Map<String, String> rawJson(Store store, LineageGraph graph, List<String> asked) {
    List<String> ids = asked;
    Map<String, String> found = new HashMap<>();
    int chunk = 500;
    try (Connection c = store.duplicate()) {
      if (ids.size() > 4 * chunk || ids.size() * 2 > graph.nodes.length) {
        // many nodes, or most of the graph: one pass over the snapshot costs less than IN lists
        scanAll(c, graph, new java.util.HashSet<>(ids), found);
        ids = List.of();
      }
      for (int from = 0; from < ids.size(); from += chunk) {
        List<String> part = ids.subList(from, Math.min(ids.size(), from + chunk));
        String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("SELECT m.unique_id, d.raw_json::VARCHAR"
            + " FROM store.snapshot_member m JOIN store.node_def d ON d.def_hash = m.def_hash"
            + " WHERE m.snapshot_id = ? AND m.unique_id IN (" + marks + ")")) {
          s.setString(1, graph.snapshotId);
          for (int i = 0; i < part.size(); i++) {
            s.setString(i + 2, part.get(i));
          }
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              found.put(r.getString(1), r.getString(2));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new StorageException("reading node definitions of environment " + graph.environment, e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String id : asked) {
      if (found.get(id) != null) {
        out.put(id, found.get(id));
      }
    }
    return out;
  }

  private static void scanAll(Connection c, LineageGraph graph, java.util.Set<String> wanted, Map<String, String> found)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT m.unique_id, d.raw_json::VARCHAR"
        + " FROM store.snapshot_member m JOIN store.node_def d ON d.def_hash = m.def_hash WHERE m.snapshot_id = ?")) {
      s.setString(1, graph.snapshotId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (wanted.contains(r.getString(1))) {
            found.put(r.getString(1), r.getString(2));
          }
        }
      }
    }
  }

  /** The root project: the manifest's project_name, else the package with the most models. */
  public static String rootProject(LineageGraph graph, ManifestRef ref) {
    if (ref.projectName() != null) {
      return ref.projectName();
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (GraphNode n : graph.nodes) {
      if ("model".equals(n.resourceType) && n.packageName != null) {
        counts.merge(n.packageName, 1, Integer::sum);
      }
    }
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
  }

  /** YAML selectors by name: from a selectors.yml if given, else those stored in the manifest. */
  public static Map<String, JsonNode> selectors(ManifestRef ref, Path selectorsFile) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    try {
      if (selectorsFile != null) {
        JsonNode root = new YAMLMapper().readTree(selectorsFile.toFile());
        for (JsonNode s : root.path("selectors")) {
          out.put(s.path("name").asText(), s);
        }
        return out;
      }
      if (ref.selectorsJson() != null) {
        Json.MAPPER.readTree(ref.selectorsJson()).properties().forEach(e -> out.put(e.getKey(), e.getValue()));
      }
    } catch (IOException e) {
      throw new ArtifactFormatException(selectorsFile, null, null, "cannot read selectors: " + e.getMessage(), e);
    }
    return out;
  }
}
