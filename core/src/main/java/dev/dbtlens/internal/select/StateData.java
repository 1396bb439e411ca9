package dev.dbtlens.internal.select;

import dev.dbtlens.internal.dbt.Statuses;
import dev.dbtlens.internal.lineage.LineageGraph;
import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.internal.store.Store;
import dev.dbtlens.NotFoundException;
import dev.dbtlens.SelectorSyntaxException;
import dev.dbtlens.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The history that {@code state:}, {@code result:} and {@code source_status:} compare with, read
 * from stored invocations instead of a {@code --state} folder.
 */
final class StateData {
  private final Store store;
  private final LineageGraph graph;
  /** The invocation as given (an id or a prefix), resolved on first use. */
  private final String givenStateInvocation;
  private String resolvedStateInvocation;
  private Map<String, Def> current;
  private Map<String, Def> previous;

  /** What state comparisons need of one definition. */
  record Def(String defHash, String type, String checksum, String config, String database, String schema,
      String alias, String description, Boolean contract, List<String> macros, String columns) {}

  StateData(Store store, LineageGraph graph, String stateInvocation) {
    this.store = store;
    this.graph = graph;
    this.givenStateInvocation = stateInvocation;
  }

  /**
   * @param kind the artifact the method needs of it
   * @return the state invocation's full id (null if none was given), having checked it has that artifact
   */
  private String stateInvocation(String kind, String method) {
    if (givenStateInvocation == null) {
      return null;
    }
    if (resolvedStateInvocation == null) {
      resolvedStateInvocation = Invocations.resolve(store, graph.environment, givenStateInvocation);
    }
    Invocations.requireArtifact(store, graph.environment, resolvedStateInvocation, kind, method);
    return resolvedStateInvocation;
  }

  private static final Set<String> STATES = Set.of("new", "old", "modified", "unmodified", "modified.body",
      "modified.configs", "modified.relation", "modified.persisted_descriptions", "modified.macros",
      "modified.contract");

  BitSet state(String value, Criterion c) {
    if (!STATES.contains(value)) {
      throw invalidState(value, c);
    }
    loadDefinitions();
    Map<String, Boolean> macroChanged = new HashMap<>();
    BitSet out = new BitSet(graph.size());
    for (int i = 0; i < graph.nodes.length; i++) {
      String id = graph.nodes[i].uniqueId;
      Def now = current.get(id);
      if (now == null) {
        continue;
      }
      Def old = previous.get(id);
      boolean selected = switch (value) {
        case "new" -> old == null;
        case "old" -> old != null;
        case "modified" -> old == null || !now.defHash.equals(old.defHash) || macrosChanged(now, macroChanged);
        case "unmodified" -> old != null && now.defHash.equals(old.defHash) && !macrosChanged(now, macroChanged);
        case "modified.body" -> old == null || bodyChanged(now, old);
        case "modified.configs" -> old == null || !Objects.equals(now.config, old.config);
        case "modified.relation" -> old == null || !Objects.equals(now.database, old.database)
            || !Objects.equals(now.schema, old.schema) || !Objects.equals(now.alias, old.alias);
        case "modified.persisted_descriptions" -> old == null || descriptionsChanged(now, old);
        case "modified.macros" -> old == null || macrosChanged(now, macroChanged);
        case "modified.contract" -> old == null || contractChanged(now, old);
        default -> throw invalidState(value, c);
      };
      if (selected) {
        out.set(i);
      }
    }
    return out;
  }

  private static SelectorSyntaxException invalidState(String value, Criterion c) {
    return c.invalid("Invalid state selector '" + Texts.cut(value) + "': expected new, old, modified, unmodified,"
        + " or modified.body|configs|relation|persisted_descriptions|macros|contract"
        + Texts.suggestion(value, STATES));
  }

  private static boolean bodyChanged(Def now, Def old) {
    if (now.checksum != null && old.checksum != null && !now.checksum.isEmpty()) {
      return !now.checksum.equals(old.checksum);
    }
    return !now.defHash.equals(old.defHash);
  }

  private static boolean descriptionsChanged(Def now, Def old) {
    String cfg = now.config == null ? "" : now.config;
    boolean relation = cfg.contains("\"relation\":true");
    boolean columns = cfg.contains("\"columns\":true");
    return (relation && !Objects.equals(now.description, old.description))
        || (columns && !Objects.equals(now.columns, old.columns));
  }

  private static boolean contractChanged(Def now, Def old) {
    boolean enforcedNow = Boolean.TRUE.equals(now.contract);
    boolean enforcedOld = Boolean.TRUE.equals(old.contract);
    if (!enforcedNow && !enforcedOld) {
      return false;
    }
    return enforcedNow != enforcedOld || !Objects.equals(now.columns, old.columns);
  }

  /** A node's macros changed if any macro it calls, directly or through other macros, changed. */
  private boolean macrosChanged(Def now, Map<String, Boolean> memo) {
    ArrayDeque<String> todo = new ArrayDeque<>(now.macros);
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String m = todo.poll();
      if (!seen.add(m)) {
        continue;
      }
      Boolean known = memo.get(m);
      if (known == null) {
        Def a = current.get(m);
        Def b = previous.get(m);
        known = a == null || b == null || !a.defHash.equals(b.defHash);
        memo.put(m, known);
      }
      if (known) {
        return true;
      }
      Def a = current.get(m);
      if (a != null) {
        todo.addAll(a.macros);
      }
    }
    return false;
  }

  private void loadDefinitions() {
    if (current != null) {
      return;
    }
    String stateInvocation = stateInvocation("manifest", "state:");
    String snapshot = stateInvocation != null
        ? one("SELECT snapshot_id FROM store.artifact WHERE environment = ? AND kind = 'manifest'"
            + " AND invocation_id = ?", graph.environment, stateInvocation)
        : one("SELECT snapshot_id FROM store.artifact WHERE environment = ? AND kind = 'manifest'"
            + " AND generated_at < (SELECT generated_at FROM store.artifact WHERE environment = ?"
            + " AND kind = 'manifest' AND invocation_id = ?) ORDER BY generated_at DESC LIMIT 1",
            graph.environment, graph.environment, graph.manifestInvocationId);
    if (snapshot == null) {
      throw new NotFoundException(stateInvocation != null
          ? "Invocation '" + stateInvocation + "' has no manifest in environment '" + graph.environment + "'."
          : "state: needs an earlier manifest in environment '" + graph.environment
              + "' than the latest one (invocation " + graph.manifestInvocationId + ").");
    }
    current = definitions(graph.snapshotId);
    previous = definitions(snapshot);
  }

  private Map<String, Def> definitions(String snapshotId) {
    Map<String, Def> out = new HashMap<>();
    String sql = """
        SELECT m.unique_id, d.def_hash, d.resource_type, d.checksum, d.config::VARCHAR, d.database, d.schema,
               d.alias, d.description, d.contract_enforced, d.depends_on_macros,
               (SELECT string_agg(c.column_name || ':' || coalesce(c.data_type, '') || ':' || coalesce(c.description, ''),
                                  '|' ORDER BY c.column_index) FROM store.def_column c WHERE c.def_hash = d.def_hash)
        FROM store.snapshot_member m JOIN store.node_def d ON d.def_hash = m.def_hash
        WHERE m.snapshot_id = ?""";
    query(sql, r -> out.put(r.getString(1), new Def(r.getString(2), r.getString(3), r.getString(4),
        r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
        (Boolean) r.getObject(10), strings(r.getArray(11)), r.getString(12))), snapshotId);
    return out;
  }

  BitSet result(String status) {
    String stateInvocation = stateInvocation("run_results", "result:");
    String invocation = stateInvocation != null ? stateInvocation
        : one("SELECT invocation_id FROM store.artifact WHERE environment = ? AND kind = 'run_results'"
            + " ORDER BY generated_at DESC LIMIT 1", graph.environment);
    if (invocation == null) {
      throw new NotFoundException("result: needs run results in environment '" + graph.environment + "'.");
    }
    Set<String> ids = new HashSet<>();
    query("SELECT unique_id FROM store.run_result WHERE environment = ? AND invocation_id = ? AND status = ?",
        r -> ids.add(r.getString(1)), graph.environment, invocation, Statuses.normalize(status));
    return ids(ids);
  }

  private static final Set<String> SOURCE_STATUSES = Set.of("fresher", "stale", "error", "warn", "pass");

  /**
   * {@code fresher}: the latest check against the state invocation's (else the one before it); the
   * others: the state invocation's check (else the latest).
   */
  BitSet sourceStatus(String value, Criterion c) {
    if (!SOURCE_STATUSES.contains(value)) {
      throw c.invalid("Invalid source_status selector '" + Texts.cut(value)
          + "': expected fresher (as dbt), or stale, error, warn, pass" + Texts.suggestion(value, SOURCE_STATUSES));
    }
    String stateInvocation = stateInvocation("sources", "source_status:");
    List<String> runs = new java.util.ArrayList<>();
    query("SELECT invocation_id FROM store.artifact WHERE environment = ? AND kind = 'sources'"
        + " ORDER BY generated_at DESC", r -> runs.add(r.getString(1)), graph.environment);
    if (runs.isEmpty()) {
      throw new NotFoundException("source_status: needs source freshness results in environment '"
          + graph.environment + "'.");
    }
    if (value.equals("fresher")) {
      return fresher(freshness(runs.get(0)), previousFreshness(runs, stateInvocation));
    }
    Map<String, Freshness> checked = freshness(stateInvocation != null ? stateInvocation : runs.get(0));
    return switch (value) {
      case "stale" -> ids(keys(checked, f -> f.status.equals("warn") || f.status.equals("error") || f.status.equals("runtime error")));
      case "error" -> ids(keys(checked, f -> f.status.equals("error") || f.status.equals("runtime error")));
      case "warn" -> ids(keys(checked, f -> f.status.equals("warn")));
      default -> ids(keys(checked, f -> f.status.equals("pass")));
    };
  }

  private Map<String, Freshness> previousFreshness(List<String> runs, String stateInvocation) {
    if (stateInvocation != null) {
      return freshness(stateInvocation);
    }
    if (runs.size() < 2) {
      throw new NotFoundException("source_status:fresher needs two source freshness runs in environment '"
          + graph.environment + "'.");
    }
    return freshness(runs.get(1));
  }

  /** dbt: fresher if newly checked or loaded later than before; runtime errors on either side never are. */
  private BitSet fresher(Map<String, Freshness> now, Map<String, Freshness> before) {
    Set<String> out = new HashSet<>();
    now.forEach((id, f) -> {
      Freshness b = before.get(id);
      boolean error = f.maxLoadedAt == null || (b != null && b.maxLoadedAt == null);
      if (!error && (b == null || f.maxLoadedAt.isAfter(b.maxLoadedAt))) {
        out.add(id);
      }
    });
    return ids(out);
  }

  private record Freshness(String status, java.time.LocalDateTime maxLoadedAt) {}

  private Map<String, Freshness> freshness(String invocation) {
    Map<String, Freshness> out = new HashMap<>();
    query("SELECT unique_id, status, max_loaded_at FROM store.freshness_result WHERE environment = ?"
        + " AND invocation_id = ?", r -> out.put(r.getString(1), new Freshness(r.getString(2), r.getObject(3, java.time.LocalDateTime.class))),
        graph.environment, invocation);
    return out;
  }

  private static Set<String> keys(Map<String, Freshness> m, java.util.function.Predicate<Freshness> p) {
    Set<String> out = new HashSet<>();
    m.forEach((k, v) -> {
      if (p.test(v)) {
        out.add(k);
      }
    });
    return out;
  }

  private BitSet ids(Set<String> ids) {
    BitSet out = new BitSet(graph.size());
    for (String id : ids) {
      Integer i = graph.indexOf(id);
      if (i != null) {
        out.set(i);
      }
    }
    return out;
  }

  private interface RowHandler {
    void handle(ResultSet r) throws SQLException;
  }

  private void query(String sql, RowHandler handler, Object... params) {
    try (Connection c = store.duplicate(); PreparedStatement s = c.prepareStatement(sql)) {
      Sql.bind(s, params);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          handler.handle(r);
        }
      }
    } catch (SQLException e) {
      throw new StorageException("reading history for selection", e);
    }
  }

  private String one(String sql, Object... params) {
    String[] out = new String[1];
    query(sql, r -> {
      if (out[0] == null) {
        out[0] = r.getString(1);
      }
    }, params);
    return out[0];
  }

  static List<String> strings(java.sql.Array a) throws SQLException {
    if (a == null) {
      return List.of();
    }
    List<String> out = new java.util.ArrayList<>();
    for (Object o : (Object[]) a.getArray()) {
      out.add(String.valueOf(o));
    }
    return out;
  }
}
