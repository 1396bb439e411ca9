package dev.dbtlens.graphql.internal.node;

import dev.dbtlens.IndirectSelection;
import dev.dbtlens.Lineage;
import dev.dbtlens.NodeId;
import dev.dbtlens.Selection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** dbt selector expressions ({@code select}, {@code exclude}) resolved by core's lineage. */
public final class Selectors {
  private static final Pattern LEADING = Pattern.compile("^@?(\\d*\\+)?");
  private static final Pattern TRAILING = Pattern.compile("(\\+\\d*)?$");

  private Selectors() {}

  /**
   * @param lineage the environment's lineage
   * @param select a selector expression, or null for everything
   * @param exclude a selector expression to remove, or null
   * @return the selected unique ids, sorted
   * @throws dev.dbtlens.SelectorSyntaxException for an expression dbt would refuse
   */
  public static List<String> select(Lineage lineage, String select, String exclude) {
    return ids(lineage.select(selection(byUniqueId(lineage, select), byUniqueId(lineage, exclude),
        IndirectSelection.EAGER)));
  }

  /**
   * dbt's grammar has no unique-id method; a criterion whose value is a unique id of the graph (with
   * or without graph operators, e.g. {@code +model.shop.orders}) is rewritten to the node's own
   * selector ({@code shop.marts.orders}, {@code source:shop.raw.orders}).
   */
  static String byUniqueId(Lineage lineage, String expression) {
    if (expression == null || expression.isBlank()) {
      return expression;
    }
    List<String> tokens = new ArrayList<>();
    for (String token : expression.trim().split("\\s+")) {
      List<String> parts = new ArrayList<>();
      for (String part : token.split(",")) {
        parts.add(rewrite(lineage, part));
      }
      tokens.add(String.join(",", parts));
    }
    return String.join(" ", tokens);
  }

  private static String rewrite(Lineage lineage, String part) {
    Matcher lead = LEADING.matcher(part);
    String prefix = lead.find() ? lead.group() : "";
    String rest = part.substring(prefix.length());
    Matcher trail = TRAILING.matcher(rest);
    String suffix = trail.find() ? trail.group() : "";
    String value = rest.substring(0, rest.length() - suffix.length());
    if (value.chars().filter(c -> c == '.').count() < 2 || value.contains(":")) {
      return part;
    }
    try {
      return lineage.node(NodeId.of(value)).map(n -> prefix + n.selector() + suffix).orElse(part);
    } catch (IllegalArgumentException e) {
      return part;
    }
  }

  /**
   * @return the ids that match the methods of {@code select} themselves: the expression without its
   *     graph operators ({@code 2+orders+1} becomes {@code orders}) and without indirect selection
   */
  public static Set<String> methodMatches(Lineage lineage, String select) {
    List<String> tokens = new ArrayList<>();
    for (String token : select.trim().split("\\s+")) {
      List<String> parts = new ArrayList<>();
      for (String part : token.split(",")) {
        parts.add(TRAILING.matcher(LEADING.matcher(part).replaceFirst("")).replaceFirst(""));
      }
      tokens.add(String.join(",", parts));
    }
    String stripped = byUniqueId(lineage, String.join(" ", tokens));
    return new LinkedHashSet<>(ids(lineage.select(selection(stripped, null, IndirectSelection.EMPTY))));
  }

  private static Selection selection(String select, String exclude, IndirectSelection mode) {
    List<String> sel = select == null || select.isBlank() ? List.of() : List.of(select);
    List<String> exc = exclude == null || exclude.isBlank() ? List.of() : List.of(exclude);
    return new Selection(sel, exc, null, null, Set.of(), mode, null);
  }

  private static List<String> ids(List<NodeId> ids) {
    List<String> out = new ArrayList<>(ids.size());
    ids.forEach(id -> out.add(id.value()));
    return out;
  }
}
