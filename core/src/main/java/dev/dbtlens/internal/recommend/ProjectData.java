package dev.dbtlens.internal.recommend;

import dev.dbtlens.StorageException;
import dev.dbtlens.internal.lineage.LineageGraph;
import dev.dbtlens.internal.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What the rules read beyond the graph, by graph index: whether nodes are described, contracts,
 * the hard-coded references in models' code, test metadata, relation names and column
 * documentation. Read in one query over the graph's manifest; texts the rules only test are not
 * kept (a 100k-model manifest's code and descriptions would not fit a small heap).
 */
final class ProjectData {
  private static final List<String> NONE = List.of();

  final boolean[] described;
  final boolean[] contractEnforced;
  /** Relation names a model's raw code names directly, instead of ref() or source(). */
  final List<String>[] hardCodedRefs;
  final String[] testNamespace;
  final String[] testColumn;
  final String[] attachedNode;
  final String[] relation;
  final boolean[] sourceDescribed;
  final int[] columns;
  final int[] undescribedColumns;

  @SuppressWarnings("unchecked")
  private ProjectData(int n) {
    described = new boolean[n];
    contractEnforced = new boolean[n];
    hardCodedRefs = new List[n];
    testNamespace = new String[n];
    testColumn = new String[n];
    attachedNode = new String[n];
    relation = new String[n];
    sourceDescribed = new boolean[n];
    columns = new int[n];
    undescribedColumns = new int[n];
  }

  static ProjectData load(Store store, LineageGraph graph, boolean withCode) {
    ProjectData d = new ProjectData(graph.nodes.length);
    String sql = """
        WITH cols AS (
          SELECT def_hash, count(*) AS n,
                 count(*) FILTER (WHERE coalesce(trim(description), '') = '') AS undescribed
          FROM store.def_column
          WHERE def_hash IN (SELECT def_hash FROM store.snapshot_member WHERE snapshot_id = ?)
          GROUP BY def_hash)
        SELECT d.unique_id, d.description, coalesce(d.contract_enforced, false),
               %s,
               d.test_metadata->>'namespace',
               coalesce(d.column_name, d.test_metadata->'kwargs'->>'column_name'),
               d.attached_node,
               CASE WHEN d.resource_type = 'source'
                    THEN lower(concat_ws('.', d.database, d.schema, coalesce(d.alias, d.name))) END,
               CASE WHEN d.resource_type = 'source' THEN d.raw_json->>'source_description' END,
               coalesce(c.n, 0), coalesce(c.undescribed, 0)
        FROM store.snapshot_member m
        JOIN store.node_def d ON d.def_hash = m.def_hash
        LEFT JOIN cols c ON c.def_hash = d.def_hash
        WHERE m.snapshot_id = ? AND d.resource_type IN ('model', 'source', 'test', 'exposure', 'seed', 'snapshot')"""
        .formatted(withCode ? "CASE WHEN d.resource_type = 'model' THEN d.raw_code END" : "NULL");
    try (Connection c = store.duplicate(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, graph.snapshotId);
      s.setString(2, graph.snapshotId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Integer i = graph.indexOf(r.getString(1));
          if (i == null) {
            continue;
          }
          d.described[i] = !blank(r.getString(2));
          d.contractEnforced[i] = r.getBoolean(3);
          String code = r.getString(4);
          List<String> refs = code == null ? NONE : Evaluator.HardCoded.find(code);
          d.hardCodedRefs[i] = refs.isEmpty() ? NONE : refs;
          d.testNamespace[i] = r.getString(5);
          d.testColumn[i] = r.getString(6);
          d.attachedNode[i] = r.getString(7);
          d.relation[i] = r.getString(8);
          d.sourceDescribed[i] = !blank(r.getString(9));
          d.columns[i] = r.getInt(10);
          d.undescribedColumns[i] = r.getInt(11);
        }
      }
    } catch (SQLException e) {
      throw new StorageException("reading the manifest of environment " + graph.environment + " for recommendations", e);
    }
    return d;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
