package dev.dbtlens.internal.select;

import dev.dbtlens.internal.lineage.GraphIndex;
import dev.dbtlens.internal.lineage.LineageGraph;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.IndirectSelection;
import dev.dbtlens.Selection;
import dev.dbtlens.SelectorSyntaxException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Evaluates selections with dbt-core's semantics: graph operators, set operations, and indirect
 * (test) selection carried through unions, intersections and differences as dbt does.
 */
final class SelectorEngine {
  private final LineageGraph graph;
  private final SelectorMethods methods;
  private final Supplier<Map<String, JsonNode>> yamlSelectors;
  private final String selectorsOrigin;
  private final List<String> warnings = new ArrayList<>();

  /** Nodes selected directly, and tests only waiting for their other parents. */
  record Result(BitSet direct, BitSet indirect) {}

  /**
   * @param yamlSelectors the YAML selectors by name, asked for only when a selection needs them
   * @param selectorsOrigin where they come from, for messages: null for the manifest, else the file
   */
  SelectorEngine(LineageGraph graph, SelectorMethods methods, Supplier<Map<String, JsonNode>> yamlSelectors,
      String selectorsOrigin) {
    this.graph = graph;
    this.methods = methods;
    this.yamlSelectors = yamlSelectors;
    this.selectorsOrigin = selectorsOrigin;
  }

  /** @return dbt's warnings of the last {@link #select}: criteria that matched nothing, nothing selected */
  List<String> warnings() {
    return List.copyOf(warnings);
  }

  BitSet select(Selection selection) {
    warnings.clear();
    SelectorExpr spec = spec(selection);
    BitSet direct = eval(spec).direct(); // a fresh set: ours to change
    if (selection.resourceTypes().isEmpty()) {
      direct.andNot(graph.lookup.typeBits("operation"));
    } else {
      BitSet kept = new BitSet();
      for (String type : selection.resourceTypes()) {
        kept.or(graph.lookup.typeBits(type));
      }
      direct.and(kept);
    }
    if (direct.isEmpty()) {
      warnings.add("No nodes selected!");
    }
    return direct;
  }

  private SelectorExpr spec(Selection s) {
    if (s.selector() != null) {
      return yaml(s.selector(), s.indirectSelection());
    }
    if (s.select().isEmpty() && s.exclude().isEmpty()) {
      for (Map.Entry<String, JsonNode> e : yamlSelectors.get().entrySet()) {
        if (e.getValue().path("default").asBoolean(false)) {
          return yaml(e.getKey(), s.indirectSelection());
        }
      }
    }
    SelectorExpr include = s.select().isEmpty() ? Everything.INSTANCE.criterion(s.indirectSelection())
        : union(s.select(), s.indirectSelection(), true);
    if (s.exclude().isEmpty()) {
      return include;
    }
    // as dbt-core's parse_difference: the exclusion is eager, the difference takes the global mode
    return new SelectorExpr.Difference(include, union(s.exclude(), IndirectSelection.EAGER, false),
        s.indirectSelection());
  }

  private static SelectorExpr union(List<String> expressions, IndirectSelection indirect, boolean expectExists) {
    List<SelectorExpr> parts = new ArrayList<>();
    for (String e : expressions) {
      parts.add(SelectorExpr.parseCli(e, indirect, expectExists));
    }
    return parts.size() == 1 ? parts.get(0) : new SelectorExpr.Union(parts, indirect);
  }

  /** The default selection: every node ({@code fqn:* source:* exposure:* ...} in dbt). */
  private enum Everything {
    INSTANCE;

    Criterion criterion(IndirectSelection indirect) {
      return new Criterion("*", List.of(), "*", false, -1, false, -1, false, indirect, "*", 0);
    }
  }

  Result eval(SelectorExpr e) {
    if (e instanceof Criterion c) {
      return criterion(c);
    }
    if (e instanceof SelectorExpr.Checked checked) {
      Result r = eval(checked.part());
      if (r.direct().isEmpty()) {
        warnings.add("The selection criterion '" + Texts.cut(checked.raw()) + "' does not match any enabled nodes");
      }
      return r;
    }
    if (e instanceof SelectorExpr.Difference d) {
      Result in = eval(d.include());
      Result out = eval(d.exclude());
      BitSet direct = copy(in.direct());
      direct.andNot(out.direct());
      BitSet indirect = or(in.direct(), in.indirect());
      indirect.andNot(or(out.direct(), out.indirect()));
      return finish(direct, indirect, d.indirect());
    }
    boolean union = e instanceof SelectorExpr.Union;
    List<SelectorExpr> parts = union ? ((SelectorExpr.Union) e).parts() : ((SelectorExpr.Intersection) e).parts();
    IndirectSelection mode = union ? ((SelectorExpr.Union) e).indirect() : ((SelectorExpr.Intersection) e).indirect();
    BitSet direct = null;
    BitSet indirect = null;
    for (SelectorExpr part : parts) {
      Result r = eval(part);
      BitSet withIndirect = or(r.direct(), r.indirect());
      direct = direct == null ? copy(r.direct()) : combine(direct, r.direct(), union);
      indirect = indirect == null ? withIndirect : combine(indirect, withIndirect, union);
    }
    return finish(direct, indirect, mode);
  }

  private static BitSet combine(BitSet acc, BitSet next, boolean union) {
    if (union) {
      acc.or(next);
    } else {
      acc.and(next);
    }
    return acc;
  }

  private Result finish(BitSet direct, BitSet indirect, IndirectSelection mode) {
    BitSet selected = incorporate(direct, indirect, mode);
    BitSet onlyIndirect = copy(indirect);
    onlyIndirect.andNot(selected);
    return new Result(selected, onlyIndirect);
  }

  private Result criterion(Criterion c) {
    BitSet collected = "*".equals(c.method()) ? all() : methods.match(c);
    if (!c.childrensParents() && !c.parents() && !c.children()) {
      return expand(collected, c.indirect() == null ? IndirectSelection.EAGER : c.indirect());
    }
    // the walks start from what the method matched; their results join it (a fresh set) after
    BitSet up = c.parents() ? graph.walk(collected, true, c.parentsDepth()) : null;
    BitSet down = c.children() ? graph.walk(collected, false, c.childrenDepth()) : null;
    BitSet selected = collected;
    if (c.childrensParents()) {
      BitSet below = or(graph.walk(collected, false, -1), collected);
      selected.or(below);
      selected.or(graph.walk(below, true, -1));
    }
    if (up != null) {
      selected.or(up);
    }
    if (down != null) {
      selected.or(down);
    }
    return expand(selected, c.indirect() == null ? IndirectSelection.EAGER : c.indirect());
  }

  private BitSet all() {
    BitSet b = new BitSet(graph.size());
    b.set(0, graph.size());
    return b;
  }

  /**
   * dbt's expand_selection: tests directly downstream of the selection come along (or wait).
   * Takes ownership of {@code selected} (a set made for this criterion) and returns it, extended.
   */
  private Result expand(BitSet selected, IndirectSelection mode) {
    BitSet indirect = new BitSet();
    if (mode == IndirectSelection.EMPTY) {
      return new Result(selected, indirect);
    }
    BitSet selectedAndParents = mode == IndirectSelection.BUILDABLE ? withAncestorsAndSources(selected) : null;
    BitSet added = new BitSet();
    for (int s = selected.nextSetBit(0); s >= 0; s = selected.nextSetBit(s + 1)) {
      for (int child : graph.children[s]) {
        if (selected.get(child) || !isTest(child)) {
          continue;
        }
        if (mode == IndirectSelection.EAGER || parentsWithin(child, selected)) {
          added.set(child);
        } else if (mode == IndirectSelection.BUILDABLE && parentsWithin(child, selectedAndParents)) {
          added.set(child);
        } else {
          indirect.set(child);
        }
      }
    }
    selected.or(added); // the caller's fresh set, changed only once the walk over it is done
    return new Result(selected, indirect);
  }

  /** dbt's incorporate_indirect_nodes: waiting tests join once all their parents are selected. */
  private BitSet incorporate(BitSet direct, BitSet indirect, IndirectSelection mode) {
    BitSet selected = copy(direct);
    if (mode != IndirectSelection.CAUTIOUS && mode != IndirectSelection.BUILDABLE) {
      return selected;
    }
    BitSet within = mode == IndirectSelection.CAUTIOUS ? direct : or(direct, graph.walk(direct, true, -1));
    for (int t = indirect.nextSetBit(0); t >= 0; t = indirect.nextSetBit(t + 1)) {
      if (parentsWithin(t, within)) {
        selected.set(t);
      }
    }
    return selected;
  }

  private BitSet withAncestorsAndSources(BitSet selected) {
    BitSet out = or(selected, graph.walk(selected, true, -1));
    GraphIndex.setAll(out, graph.lookup.ofType("source"));
    return out;
  }

  private boolean isTest(int i) {
    return graph.test[i];
  }

  private boolean parentsWithin(int node, BitSet set) {
    for (int p : graph.parents[node]) {
      if (!set.get(p)) {
        return false;
      }
    }
    return true;
  }

  private static BitSet copy(BitSet b) {
    return (BitSet) b.clone();
  }

  private static BitSet or(BitSet a, BitSet b) {
    BitSet out = copy(a);
    out.or(b);
    return out;
  }

  // ---- YAML selectors (selectors.yml, or the manifest's stored selectors) ----

  private SelectorExpr yaml(String name, IndirectSelection indirect) {
    Map<String, JsonNode> known = yamlSelectors.get();
    JsonNode selector = known.get(name);
    if (selector == null) {
      throw new SelectorSyntaxException(name, 0, unknownSelector(name, known));
    }
    return definition(selector.get("definition"), name, indirect, 0);
  }

  private String unknownSelector(String name, Map<String, JsonNode> known) {
    String where = selectorsOrigin == null ? "" : " in " + selectorsOrigin;
    if (known.isEmpty()) {
      return selectorsOrigin == null
          ? "Selector '" + Texts.cut(name) + "' not found: the manifest defines no selectors (give a selectors.yml with --selectors-file)"
          : "Selector '" + Texts.cut(name) + "' not found: " + selectorsOrigin + " defines no selectors";
    }
    return "Selector '" + Texts.cut(name) + "' not found" + where + " (known: " + Texts.names(known.keySet()) + ")"
        + Texts.suggestion(name, known.keySet());
  }

  private SelectorExpr definition(JsonNode def, String name, IndirectSelection indirect, int depth) {
    if (depth > 50) {
      throw new SelectorSyntaxException(name, 0, "Selector '" + name + "' nests too deeply (a selector cycle?)");
    }
    if (def == null || def.isNull()) {
      throw new SelectorSyntaxException(name, 0, "Selector '" + name + "' has no definition");
    }
    if (def.isTextual()) {
      return SelectorExpr.parseCli(def.textValue(), indirect, false);
    }
    if (def.has("union") || def.has("intersection")) {
      boolean union = def.has("union");
      List<SelectorExpr> include = new ArrayList<>();
      SelectorExpr exclude = null;
      for (JsonNode part : def.get(union ? "union" : "intersection")) {
        if (part.isObject() && part.has("exclude")) {
          exclude = unionOf(part.get("exclude"), name, indirect, depth);
        } else {
          include.add(definition(part, name, indirect, depth + 1));
        }
      }
      // YAML groups keep dbt's default (eager) mode; criteria carry their own
      SelectorExpr combined = union ? new SelectorExpr.Union(include, IndirectSelection.EAGER)
          : new SelectorExpr.Intersection(include, IndirectSelection.EAGER);
      return exclude == null ? combined : new SelectorExpr.Difference(combined, exclude, IndirectSelection.EAGER);
    }
    return dictionary(def, name, indirect, depth);
  }

  private SelectorExpr unionOf(JsonNode list, String name, IndirectSelection indirect, int depth) {
    List<SelectorExpr> parts = new ArrayList<>();
    for (JsonNode p : list) {
      parts.add(definition(p, name, indirect, depth + 1));
    }
    return new SelectorExpr.Union(parts, IndirectSelection.EAGER);
  }

  private SelectorExpr dictionary(JsonNode def, String name, IndirectSelection indirect, int depth) {
    String method;
    JsonNode value;
    if (def.has("method")) {
      method = def.path("method").asText();
      value = def.get("value");
    } else if (def.size() == 1) {
      method = def.fieldNames().next();
      value = def.get(method);
    } else {
      throw new SelectorSyntaxException(name, 0, "Selector '" + Texts.cut(name) + "': expected union, intersection,"
          + " or a method and value in " + Texts.cut(def.toString()));
    }
    if ("selector".equals(method)) {
      return yaml(value.asText(), indirect);
    }
    String[] parts = method.split("\\.");
    if (!Criterion.METHODS.contains(parts[0])) {
      throw new SelectorSyntaxException(name, 0, "Selector '" + Texts.cut(name) + "': unknown method '"
          + Texts.cut(parts[0]) + "'" + Texts.suggestion(parts[0], Criterion.METHODS));
    }
    IndirectSelection mode = def.has("indirect_selection") ? mode(def.get("indirect_selection").asText(), name) : indirect;
    String text = value == null ? "" : value.asText();
    Criterion c = new Criterion(parts[0], List.of(parts).subList(1, parts.length), text,
        def.path("parents").asBoolean(false) || def.has("parents_depth"), def.path("parents_depth").asInt(-1),
        def.path("children").asBoolean(false) || def.has("children_depth"), def.path("children_depth").asInt(-1),
        def.path("childrens_parents").asBoolean(false), mode, method + ":" + text, method.length() + 1);
    if (def.has("exclude")) {
      return new SelectorExpr.Difference(c, unionOf(def.get("exclude"), name, indirect, depth), IndirectSelection.EAGER);
    }
    return c;
  }

  private static IndirectSelection mode(String text, String selector) {
    try {
      return IndirectSelection.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SelectorSyntaxException(selector, 0, "Selector '" + Texts.cut(selector) + "': indirect_selection '"
          + Texts.cut(text) + "' is not one of eager, cautious, buildable, empty");
    }
  }
}
