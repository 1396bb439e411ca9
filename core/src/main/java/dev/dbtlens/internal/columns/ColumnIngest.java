package dev.dbtlens.internal.columns;

import dev.dbtlens.internal.columns.LineageBuilder.NodeInput;
import dev.dbtlens.internal.columns.ModelLineage.FilterDep;
import dev.dbtlens.internal.columns.ModelLineage.OutColumn;
import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.internal.store.Store;
import dev.dbtlens.internal.store.TableWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * The post-ingest step: brings an environment's column lineage up to date with its current
 * manifest and catalog, analyzing only nodes whose lineage key (content) is new.
 */
public final class ColumnIngest {
  private static final System.Logger LOG = System.getLogger("dev.dbtlens");

  private ColumnIngest() {}

  /** What a refresh did. */
  public record Outcome(int nodes, int analyzed, int failed) {}

  /**
   * @param store a writable store, outside any transaction
   * @param environment the environment whose current manifest to analyze
   * @param threads models analyzed at once
   */
  public static Outcome refresh(Store store, String environment, int threads) throws SQLException {
    DuckDBConnection conn = store.connection();
    String quick = quickMarker(conn, environment);
    if (quick == null) {
      return new Outcome(0, 0, 0);
    }
    String stored = stored(conn, environment);
    if (stored != null && stored.startsWith(quick + "#")) {
      return new Outcome(0, 0, 0); // the same manifest snapshot and catalog: the same inputs
    }
    String marker = quick + "#" + marker(conn, environment);
    if (stored != null && stored.endsWith(marker.substring(quick.length()))) {
      storeMarker(conn, environment, marker); // other changes: the same inputs, nothing to analyze
      return new Outcome(0, 0, 0);
    }
    int[] counts = new int[2];
    // one transaction, so that the code's row ids hold from reading them to loading the code
    List<NodeInput> nodes = Sql.inTransaction(conn, () -> {
      try (TableWriter models = new TableWriter(conn, "column_model");
          TableWriter edges = new TableWriter(conn, "column_edge");
          TableWriter filters = new TableWriter(conn, "column_filter")) {
        Map<String, Long> codeRows = new HashMap<>();
        List<NodeInput> all = inputs(conn, environment, codeRows);
        Map<String, String> keys = keys(all);
        Map<String, ModelLineage> known = cached(conn, environment);
        LineageBuilder.build(all, threads, n -> known.get(keys.get(n.uniqueId())), ids -> code(conn, ids, codeRows),
            (n, l) -> {
              counts[0]++;
              if (l.errorCategory() != null) {
                counts[1]++;
              }
              write(models, edges, filters, keys.get(n.uniqueId()), n.uniqueId(), l);
            });
        models.finish();
        edges.finish();
        filters.finish();
        Sql.update(conn, "DELETE FROM store.column_current WHERE environment = ?", environment);
        try (TableWriter current = new TableWriter(conn, "column_current")) {
          for (NodeInput n : all) {
            if (n.hasCode()) {
              current.begin().str(environment).str(n.uniqueId()).str(keys.get(n.uniqueId())).end();
            }
          }
          current.finish();
        }
        writeMarker(conn, environment, marker);
        return all;
      }
    });
    store.changed();
    LOG.log(System.Logger.Level.DEBUG, "column lineage of {0}: {1} nodes analyzed", environment, counts[0]);
    return new Outcome(nodes.size(), counts[0], counts[1]);
  }

  /**
   * After the {@link #quickMarker}, a digest of everything {@link #inputs} reads for the environment (each current node's id,
   * type, relation, materialization, language, parents and compiled code; its documented columns;
   * its current catalog entry), so that a manifest whose changes lineage cannot see (a changed
   * description, a new test) leaves it as it was and the step does nothing; null without a manifest.
   */
  private static String marker(DuckDBConnection conn, String environment) throws SQLException {
    try (PreparedStatement s = conn.prepareStatement("""
        SELECT (SELECT count(*) || ':' || coalesce(bit_xor(hash(cn.unique_id, d.resource_type,
                            d.relation_name, d.database, d.schema, d.alias, d.materialized, d.language,
                            d.depends_on_nodes, cn.compiled_hash)), 0)
                         FROM store.current_node cn JOIN store.node_def d ON d.def_hash = cn.def_hash
                         WHERE cn.environment = m.environment AND d.resource_type NOT IN ('macro', 'test', 'doc'))
            || '|' || (SELECT count(*) || ':' || coalesce(bit_xor(hash(cn.unique_id, c.column_name, c.column_index)), 0)
                       FROM store.current_node cn JOIN store.def_column c ON c.def_hash = cn.def_hash
                       WHERE cn.environment = m.environment)
            || '|' || (SELECT count(*) || ':' || coalesce(bit_xor(hash(c.unique_id || c.entry_hash)), 0)
                       FROM store.current_catalog c WHERE c.environment = m.environment)
        FROM store.current_manifest m WHERE m.environment = ?""")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  /** The environment's current manifest snapshot and a digest of its current catalog; null without a manifest. */
  private static String quickMarker(DuckDBConnection conn, String environment) throws SQLException {
    try (PreparedStatement s = conn.prepareStatement(
        "SELECT m.snapshot_id || '|' || coalesce((SELECT count(*) || ':' || bit_xor(hash(c.unique_id || c.entry_hash))"
            + " FROM store.current_catalog c WHERE c.environment = m.environment), '')"
            + " FROM store.current_manifest m WHERE m.environment = ?")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  private static void storeMarker(DuckDBConnection conn, String environment, String marker) throws SQLException {
    Sql.inTransaction(conn, () -> {
      writeMarker(conn, environment, marker);
      return null;
    });
  }

  private static void writeMarker(DuckDBConnection conn, String environment, String marker) throws SQLException {
    try (PreparedStatement s = conn.prepareStatement("DELETE FROM store.column_state WHERE environment = ?")) {
      s.setString(1, environment);
      s.executeUpdate();
    }
    try (PreparedStatement s = conn.prepareStatement("INSERT INTO store.column_state VALUES (?, ?)")) {
      s.setString(1, environment);
      s.setString(2, marker);
      s.executeUpdate();
    }
  }

  private static String stored(DuckDBConnection conn, String environment) throws SQLException {
    try (PreparedStatement s = conn.prepareStatement("SELECT marker FROM store.column_state WHERE environment = ?")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  private static void write(TableWriter models, TableWriter edges, TableWriter filters, String key, String uid,
      ModelLineage l) {
    models.begin().str(key).str(uid).str(l.errorCategory()).str(l.error()).integer(l.columns().size())
        .bool(!l.issues().containsKey("unexpanded_star")).end();
    int i = 0;
    for (OutColumn c : l.columns()) {
      if (c.parents().isEmpty()) {
        edges.begin().str(key).str(c.name()).integer(i).str(c.transformationType()).str(c.expression())
            .str(null).str(null).str(c.errorCategory()).str(c.error()).end();
      }
      for (Origin o : c.parents()) {
        edges.begin().str(key).str(c.name()).integer(i).str(c.transformationType()).str(c.expression())
            .str(o.node()).str(o.column()).str(c.errorCategory()).str(c.error()).end();
      }
      i++;
    }
    for (FilterDep f : l.filters()) {
      filters.begin().str(key).str(f.origin().node()).str(f.origin().column()).str(f.kind()).end();
    }
  }

  /** Lineage already stored for nodes of this environment's manifest: column names are enough. */
  private static Map<String, ModelLineage> cached(DuckDBConnection conn, String environment) throws SQLException {
    Map<String, List<OutColumn>> cols = new HashMap<>();
    Map<String, ModelLineage> out = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    try (PreparedStatement s = conn.prepareStatement(
        "SELECT m.lineage_key, m.error_category, m.error, m.columns_complete, e.column_name"
            + " FROM store.column_model m LEFT JOIN (SELECT DISTINCT lineage_key, column_name, column_index"
            + " FROM store.column_edge) e ON e.lineage_key = m.lineage_key"
            + " WHERE m.unique_id IN (SELECT unique_id FROM store.current_node WHERE environment = ?)"
            + " ORDER BY m.lineage_key, e.column_index")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String key = r.getString(1);
          List<OutColumn> list = cols.computeIfAbsent(key, k -> new ArrayList<>());
          if (r.getString(5) != null) {
            list.add(new OutColumn(names.computeIfAbsent(r.getString(5), k -> k), "transformed", null, List.of(),
                null, null));
          }
          if (!out.containsKey(key)) {
            out.put(key, new ModelLineage(list, List.of(), r.getString(2), r.getString(3),
                r.getBoolean(4) ? Map.of() : Map.of("unexpanded_star", "")));
          }
        }
      }
    }
    return out;
  }

  /** @return each node's lineage key, by unique id */
  private static Map<String, String> keys(List<NodeInput> nodes) {
    Map<String, NodeInput> byId = new HashMap<>();
    nodes.forEach(n -> byId.put(n.uniqueId(), n));
    Map<String, String> keys = new HashMap<>();
    for (NodeInput n : nodes) {
      key(n, byId, keys, 0);
    }
    return keys;
  }

  /**
   * Every node's input but its compiled code, which {@link #code} loads a slice at a time (a
   * manifest's code can be gigabytes); column names and node ids are shared between nodes.
   *
   * @param codeRows receives the row id in {@code store.compiled} of each node's code, by its hash
   *     (the node's {@code codeId}): reading by row id leaves the other rows' code unread
   */
  private static List<NodeInput> inputs(DuckDBConnection conn, String environment, Map<String, Long> codeRows)
      throws SQLException {
    Map<String, String> names = new HashMap<>();
    Map<String, List<String>> documented = new HashMap<>();
    try (PreparedStatement s = conn.prepareStatement("SELECT cn.unique_id, c.column_name FROM store.current_node cn"
        + " JOIN store.def_column c ON c.def_hash = cn.def_hash WHERE cn.environment = ?"
        + " ORDER BY cn.unique_id, c.column_index")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          documented.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
              .add(names.computeIfAbsent(r.getString(2), k -> k));
        }
      }
    }
    Map<String, List<String>> catalog = new HashMap<>();
    try (PreparedStatement s = conn.prepareStatement("SELECT cc.unique_id, c.column_name FROM store.current_catalog cc"
        + " JOIN store.catalog_column c ON c.entry_hash = cc.entry_hash WHERE cc.environment = ?"
        + " ORDER BY cc.unique_id, c.column_index")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          catalog.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
              .add(names.computeIfAbsent(r.getString(2), k -> k));
        }
      }
    }
    List<NodeInput> nodes = new ArrayList<>();
    try (PreparedStatement s = conn.prepareStatement(
        "SELECT cn.unique_id, d.resource_type, d.relation_name, d.database, d.schema, d.alias, d.materialized,"
            + " d.depends_on_nodes,"
            + " CASE WHEN d.resource_type IN ('model', 'snapshot') AND d.language IS DISTINCT FROM 'python'"
            + "   AND trim(c.compiled_code) <> '' THEN cn.compiled_hash END, c.rowid"
            + " FROM store.current_node cn JOIN store.node_def d ON d.def_hash = cn.def_hash"
            + " LEFT JOIN store.compiled c ON c.compiled_hash = cn.compiled_hash"
            + " WHERE cn.environment = ? AND d.resource_type NOT IN ('macro', 'test', 'doc')"
            + " ORDER BY cn.unique_id")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String uid = names.computeIfAbsent(r.getString(1), k -> k);
          String type = r.getString(2);
          String rel = r.getString(3);
          boolean ephemeral = "ephemeral".equals(r.getString(7));
          if (rel == null && !ephemeral && !"analysis".equals(type) && !"operation".equals(type)) {
            rel = Relations.relationName(r.getString(4), r.getString(5), r.getString(6));
          }
          List<String> deps = new ArrayList<>();
          java.sql.Array arr = r.getArray(8);
          if (arr != null) {
            for (Object o : (Object[]) arr.getArray()) {
              deps.add(names.computeIfAbsent(String.valueOf(o), k -> k));
            }
          }
          String codeId = r.getString(9);
          if (codeId != null) {
            codeRows.put(codeId, r.getLong(10));
          }
          nodes.add(new NodeInput(uid, rel, deps, null, documented.getOrDefault(uid, List.of()), catalog.get(uid),
              codeId));
        }
      }
    }
    return nodes;
  }

  /** @return the compiled code of the given hashes, by hash */
  private static Map<String, String> code(DuckDBConnection conn, List<String> hashes, Map<String, Long> codeRows) {
    Map<String, String> out = new HashMap<>();
    try (PreparedStatement s = conn.prepareStatement(
        "SELECT compiled_hash, compiled_code FROM store.compiled WHERE rowid IN (SELECT unnest(?))")) {
      s.setObject(1, conn.createArrayOf("BIGINT", hashes.stream().map(codeRows::get).toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), r.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new dev.dbtlens.StorageException("reading compiled code for column lineage: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The content a node's lineage depends on: its id and compiled code (by its content hash), and
   * each parent's relation name, catalog and documented columns and (for parents with SQL) lineage
   * key. (Version 1 of the key hashed the code's text: those keys are computed once more.)
   */
  static String key(NodeInput n, Map<String, NodeInput> byId, Map<String, String> memo, int depth) {
    String k = memo.get(n.uniqueId());
    if (k != null) {
      return k;
    }
    memo.put(n.uniqueId(), "cycle");
    StringBuilder b = new StringBuilder("v2\u0000").append(n.uniqueId()).append('\u0000')
        .append(n.codeId() != null ? n.codeId() : n.compiledSql()).append('\u0000');
    if (n.hasCode() && depth < 5_000) {
      for (String p : n.dependsOn()) {
        NodeInput parent = byId.get(p);
        b.append(p).append('\u0001');
        if (parent != null) {
          b.append(parent.relationName()).append('\u0001').append(parent.catalogColumns()).append('\u0001')
              .append(parent.documentedColumns()).append('\u0001');
          if (parent.hasCode()) {
            b.append(key(parent, byId, memo, depth + 1));
          }
        }
        b.append('\u0002');
      }
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      k = HexFormat.of().formatHex(sha.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    memo.put(n.uniqueId(), k);
    return k;
  }
}
