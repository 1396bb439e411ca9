package dev.dbtlens.internal.columns;

import dev.dbtlens.internal.columns.ModelLineage.FilterDep;
import dev.dbtlens.internal.columns.ModelLineage.OutColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Resolves the output columns of one compiled SELECT to parent columns. One instance per model;
 * not thread-safe (a builder runs one per model on each thread).
 */
public final class Analyzer {
  /** Names JSqlParser reads as columns that are really constants or keywords. */
  private static final Set<String> KEYWORDS = Set.of("current_date", "current_timestamp", "current_time",
      "true", "false", "null", "localtimestamp", "localtime", "current_user", "sysdate", "session_user",
      "current_database", "current_schema", "current_role", "current_warehouse", "current_region",
      "current_account", "day", "month", "year", "week", "hour", "minute", "second", "quarter",
      "dayofweek", "dayofyear", "date", "epoch", "millisecond", "microsecond", "isoweek", "isoyear");

  static final long PARSE_TIMEOUT_MS = 10_000;

  private final Relations relations;
  private final Map<String, String> issues = new LinkedHashMap<>();

  private final java.util.Collection<String> parents;

  /**
   * @param relations relation names and columns of the parents
   * @param parents the node's {@code depends_on} nodes (preferred for shared relation names)
   */
  public Analyzer(Relations relations, java.util.Collection<String> parents) {
    this.relations = relations;
    this.parents = parents == null ? Set.of() : parents;
  }

  /**
   * The threads parses run on: JSqlParser runs each parse on another thread to time it out, and
   * without an executor it starts (and ends) a new thread per statement, which cost about half of
   * the parsing time at 10k models. Idle threads end after a few seconds; a timed-out parse is
   * interrupted and never holds up another (each waiting parse gets a thread).
   */
  private static final ExecutorService PARSERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
      new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "dbtlens-sql-parser");
        t.setDaemon(true);
        return t;
      });

  /** Parses only (the floor the benchmark compares against). */
  public static Statement parse(String compiledSql) throws Exception {
    String sql = SqlPrep.prepare(compiledSql);
    if (sql == null || sql.isEmpty()) {
      return null;
    }
    return CCJSqlParserUtil.parse(sql, PARSERS, p -> p.withTimeOut(PARSE_TIMEOUT_MS));
  }

  /** @return the lineage of a compiled SELECT; failures are reported in it, never thrown */
  public ModelLineage analyze(String compiledSql) {
    Statement st;
    try {
      st = parse(compiledSql);
    } catch (Throwable e) {
      String msg = String.valueOf(e.getMessage());
      int nl = msg.indexOf('\n');
      String first = nl > 0 ? msg.substring(0, nl) : msg;
      if (e.getCause() != null && first.contains("Time out")) {
        first = "parse timed out";
      }
      return ModelLineage.failed("parse_error", first.strip());
    }
    if (!(st instanceof Select select)) {
      return ModelLineage.failed("unsupported_statement",
          "not a SELECT: " + st.getClass().getSimpleName());
    }
    try {
      Shape shape = eval(select, null, Map.of());
      List<OutColumn> out = new ArrayList<>();
      for (Col c : shape.cols) {
        List<Origin> parents = new ArrayList<>(c.origins);
        String type = classify(c);
        String cat = c.errorCategory;
        String err = c.error;
        if (cat == null && parents.stream().anyMatch(o -> !o.known())) {
          cat = "unknown_relation";
          err = "relation not in the manifest: " + parents.stream().filter(o -> !o.known())
              .map(o -> o.node().substring(1)).distinct().sorted().toList();
        }
        out.add(new OutColumn(c.name, type, c.expr != null ? c.expr : c.name, List.copyOf(parents), cat, err));
      }
      List<FilterDep> filters = new ArrayList<>();
      Set<FilterDep> seen = new HashSet<>();
      for (FilterDep f : shape.filters) {
        if (seen.add(f)) {
          filters.add(f);
        }
      }
      return new ModelLineage(out, filters, null, null, Map.copyOf(issues));
    } catch (RuntimeException e) {
      return ModelLineage.failed("unsupported_statement", "could not resolve: " + e);
    }
  }

  private static String classify(Col c) {
    if (c.identity && !c.origins.isEmpty()
        && c.origins.stream().map(Origin::column).distinct().count() == 1) {
      return c.origins.iterator().next().column().equals(c.name) ? "passthrough" : "renamed";
    }
    return "transformed";
  }

  // ---- shapes: what a FROM item or subquery exposes ----

  /** An output column while resolving: where it comes from and whether it is a bare reference. */
  static final class Col {
    final String name;
    final Set<Origin> origins;
    final boolean identity;
    final String expr;
    String errorCategory;
    String error;

    Col(String name, Set<Origin> origins, boolean identity, String expr) {
      this.name = name;
      this.origins = origins;
      this.identity = identity;
      this.expr = expr;
    }
  }

  /** A relation in scope: known columns ({@code cols}), or open (any name resolves to the node). */
  static final class Shape {
    final List<Col> cols;
    final boolean complete;
    final String openNode;         // node (or ?relation) names resolve to when a name is not listed
    final Set<Origin> fallback;    // table functions: every column comes from these
    final List<FilterDep> filters = new ArrayList<>();
    Shape delegate;                // select * over a relation of unknown columns: names resolve there

    Shape(List<Col> cols, boolean complete, String openNode, Set<Origin> fallback) {
      this.cols = cols;
      this.complete = complete;
      this.openNode = openNode;
      this.fallback = fallback;
    }

    Col find(String name) {
      for (Col c : cols) {
        if (c.name.equals(name)) {
          return c;
        }
      }
      return null;
    }

    /** @return the column, or one made up when the shape is open or incomplete; null if unknown */
    Col lookup(String name) {
      Col c = find(name);
      if (c != null) {
        return c;
      }
      if (openNode != null) {
        return new Col(name, new LinkedHashSet<>(Set.of(new Origin(openNode, name))), true, null);
      }
      if (fallback != null) {
        return new Col(name, new LinkedHashSet<>(fallback), false, null);
      }
      return delegate != null ? delegate.lookup(name) : null;
    }

    boolean closed() {
      return openNode == null && fallback == null && delegate == null;
    }
  }

  /** One FROM item with the names it can be referred to by. */
  record Entry(String alias, String table, Shape shape) {}

  /** The FROM items of one SELECT, with its enclosing scope for correlated subqueries. */
  final class Scope {
    final Scope outer;
    final List<Entry> entries = new ArrayList<>();
    final Set<String> using = new HashSet<>();
    List<Col> selectList = List.of();

    Scope(Scope outer) {
      this.outer = outer;
    }

    Col resolve(Column column, String[] problem) {
      String name = unquote(column.getColumnName());
      Table t = column.getTable();
      if (t != null && t.getName() != null) {
        String q = unquote(t.getName());
        for (Entry e : entries) {
          if (q.equals(e.alias) || (e.alias == null && q.equals(e.table))) {
            Col c = e.shape.lookup(name);
            if (c == null) {
              problem[0] = "unknown_column";
              problem[1] = "no column " + name + " in " + q;
            }
            return c;
          }
        }
        // struct field access (BigQuery record.field, Snowflake variant:path) on a column named q
        Col base = resolveBare(q, new String[2]);
        if (base != null) {
          return new Col(name, base.origins, false, null);
        }
        if (outer != null) {
          return outer.resolve(column, problem);
        }
        problem[0] = "unknown_column";
        problem[1] = "no relation " + q + " in scope for " + column;
        return null;
      }
      Col c = resolveBare(name, problem);
      if (c == null && outer != null) {
        String[] p2 = new String[2];
        c = outer.resolve(column, p2);
        if (c != null) {
          problem[0] = null;
          problem[1] = null;
        }
      }
      return c;
    }

    Col resolveBare(String name, String[] problem) {
      List<Col> found = new ArrayList<>();
      for (Entry e : entries) {
        Col c = e.shape.find(name);
        if (c != null) {
          found.add(c);
        }
      }
      if (found.size() == 1 || (found.size() > 1 && using.contains(name))) {
        return found.get(0);
      }
      if (found.size() > 1) {
        problem[0] = "ambiguous_column";
        problem[1] = "column " + name + " is in " + found.size() + " relations";
        Set<Origin> all = new LinkedHashSet<>();
        found.forEach(c -> all.addAll(c.origins));
        return new Col(name, all, false, null);
      }
      List<Entry> open = entries.stream().filter(e -> !e.shape.closed() || !e.shape.complete).toList();
      if (open.size() == 1) {
        return open.get(0).shape.lookup(name);
      }
      for (Col c : selectList) { // lateral column alias (Snowflake, BigQuery in GROUP BY)
        if (c.name.equals(name)) {
          return c;
        }
      }
      if (open.size() > 1) {
        problem[0] = "ambiguous_column";
        problem[1] = "column " + name + " could come from any of " + open.size()
            + " relations whose columns are unknown";
        return null;
      }
      if (!KEYWORDS.contains(name)) {
        problem[0] = "unknown_column";
        problem[1] = "no column " + name + " in scope";
      }
      return null;
    }
  }

  // ---- evaluation ----

  Shape eval(Select select, Scope outer, Map<String, Shape> ctes) {
    Map<String, Shape> env = ctes;
    List<WithItem<?>> withs = select.getWithItemsList();
    if (withs != null && !withs.isEmpty()) {
      env = new HashMap<>(ctes);
      for (WithItem<?> w : withs) {
        if (w.getSelect() == null) {
          continue;
        }
        Shape s = eval(w.getSelect(), outer, env);
        if (w.getWithItemList() != null && !w.getWithItemList().isEmpty()) {
          s = renameCols(s, w.getWithItemList().stream().map(i -> unquote(i.toString())).toList());
        }
        env.put(unquote(w.getAliasName()), s);
      }
    }
    if (select instanceof PlainSelect ps) {
      return plain(ps, outer, env);
    }
    if (select instanceof SetOperationList sol) {
      Shape first = null;
      List<Shape> shapes = new ArrayList<>();
      for (Select s : sol.getSelects()) {
        shapes.add(eval(s, outer, env));
      }
      first = shapes.get(0);
      List<Col> cols = new ArrayList<>();
      for (int i = 0; i < first.cols.size(); i++) {
        Col f = first.cols.get(i);
        Set<Origin> origins = new LinkedHashSet<>(f.origins);
        boolean identity = f.identity;
        String cat = f.errorCategory;
        String err = f.error;
        for (int k = 1; k < shapes.size(); k++) {
          if (i < shapes.get(k).cols.size()) {
            Col o = shapes.get(k).cols.get(i);
            origins.addAll(o.origins);
            identity &= o.identity && sameOriginName(f, o);
            if (cat == null) {
              cat = o.errorCategory;
              err = o.error;
            }
          }
        }
        Col c = new Col(f.name, origins, identity, f.expr);
        c.errorCategory = cat;
        c.error = err;
        cols.add(c);
      }
      Shape result = new Shape(cols, first.complete, null, null);
      shapes.forEach(s -> result.filters.addAll(s.filters));
      return result;
    }
    if (select instanceof ParenthesedSelect p) {
      return eval(p.getSelect(), outer, env);
    }
    // VALUES and the like: columns without parents
    return new Shape(new ArrayList<>(), false, null, Set.of());
  }

  private static boolean sameOriginName(Col a, Col b) {
    if (a.origins.size() != 1 || b.origins.size() != 1) {
      return false;
    }
    return a.origins.iterator().next().column().equals(b.origins.iterator().next().column());
  }

  private static Shape renameCols(Shape s, List<String> names) {
    List<Col> cols = new ArrayList<>();
    for (int i = 0; i < s.cols.size(); i++) {
      Col c = s.cols.get(i);
      cols.add(i < names.size() ? new Col(names.get(i), c.origins, c.identity, c.expr) : c);
    }
    Shape r = new Shape(cols, s.complete, null, null);
    r.filters.addAll(s.filters);
    return r;
  }

  private Shape plain(PlainSelect ps, Scope outer, Map<String, Shape> env) {
    Scope scope = new Scope(outer);
    List<FilterDep> filters = new ArrayList<>();
    if (ps.getFromItem() != null) {
      addFrom(ps.getFromItem(), scope, env, filters);
    }
    if (ps.getJoins() != null) {
      for (Join j : ps.getJoins()) {
        addFrom(j.getRightItem(), scope, env, filters);
        if (j.getUsingColumns() != null) {
          for (Column u : j.getUsingColumns()) {
            String n = unquote(u.getColumnName());
            scope.using.add(n);
            for (Entry e : scope.entries) {
              Col c = e.shape.lookup(n);
              if (c != null) {
                c.origins.forEach(o -> filters.add(new FilterDep(o, "join")));
              }
            }
          }
        }
      }
      for (Join j : ps.getJoins()) {
        if (j.getOnExpressions() != null) {
          for (Expression on : j.getOnExpressions()) {
            collect(on, scope, env).origins.forEach(o -> filters.add(new FilterDep(o, "join")));
          }
        }
      }
    }
    List<Col> cols = new ArrayList<>();
    boolean complete = true;
    List<Shape> openStars = new ArrayList<>();
    for (SelectItem<?> item : ps.getSelectItems()) {
      Expression ex = item.getExpression();
      if (ex instanceof AllTableColumns atc) {
        String q = unquote(atc.getTable().getName());
        Entry hit = null;
        for (Entry e : scope.entries) {
          if (q.equals(e.alias) || (e.alias == null && q.equals(e.table))) {
            hit = e;
          }
        }
        if (hit == null) {
          complete = false;
          continue;
        }
        complete &= expandStar(List.of(hit), atc, scope, env, cols, openStars);
      } else if (ex instanceof AllColumns ac) {
        complete &= expandStar(scope.entries, ac, scope, env, cols, openStars);
      } else {
        scope.selectList = cols;
        cols.add(item(ex, item.getAlias(), scope, env));
      }
    }
    scope.selectList = cols;
    if (ps.getWhere() != null) {
      collect(ps.getWhere(), scope, env).origins.forEach(o -> filters.add(new FilterDep(o, "filter")));
    }
    GroupByElement g = ps.getGroupBy();
    if (g != null && g.getGroupByExpressionList() != null) {
      for (Object o : g.getGroupByExpressionList()) {
        if (o instanceof net.sf.jsqlparser.expression.LongValue pos) {
          int i = (int) pos.getValue() - 1; // GROUP BY 1: the first select item
          if (i >= 0 && i < cols.size()) {
            cols.get(i).origins.forEach(x -> filters.add(new FilterDep(x, "group_by")));
          }
        } else if (o instanceof Expression e) {
          collect(e, scope, env).origins.forEach(x -> filters.add(new FilterDep(x, "group_by")));
        }
      }
    }
    if (ps.getHaving() != null) {
      collect(ps.getHaving(), scope, env).origins.forEach(o -> filters.add(new FilterDep(o, "filter")));
    }
    if (ps.getQualify() != null) {
      collect(ps.getQualify(), scope, env).origins.forEach(o -> filters.add(new FilterDep(o, "filter")));
    }
    Shape result = new Shape(cols, complete, null, null);
    if (openStars.size() == 1) {
      result.delegate = openStars.get(0);
    }
    for (Entry e : scope.entries) {
      result.filters.addAll(e.shape.filters);
    }
    result.filters.addAll(filters);
    return result;
  }

  /** @return whether every entry's columns were known */
  private boolean expandStar(List<Entry> entries, AllColumns star, Scope scope, Map<String, Shape> env,
      List<Col> cols, List<Shape> openStars) {
    Set<String> except = new HashSet<>();
    ExpressionList<Column> ex = star.getExceptColumns();
    if (ex != null) {
      for (Column c : ex) {
        except.add(unquote(c.getColumnName()));
      }
    }
    Map<String, SelectItem<?>> replace = new HashMap<>();
    if (star.getReplaceExpressions() != null) {
      for (SelectItem<?> r : star.getReplaceExpressions()) {
        if (r.getAlias() != null) {
          replace.put(unquote(r.getAlias().getName()), r);
        }
      }
    }
    boolean complete = true;
    for (Entry e : entries) {
      if (!e.shape.closed() || !e.shape.complete) {
        complete = false;
        openStars.add(e.shape);
        String what = e.shape.openNode != null ? e.shape.openNode : (e.alias != null ? e.alias : e.table);
        issues.putIfAbsent("unexpanded_star", "columns of " + what + " are unknown (no catalog or documented columns)");
      }
      for (Col c : e.shape.cols) {
        if (except.contains(c.name)) {
          continue;
        }
        SelectItem<?> r = replace.get(c.name);
        cols.add(r != null ? item(r.getExpression(), r.getAlias(), scope, env) : c);
      }
    }
    return complete;
  }

  private Col item(Expression ex, Alias alias, Scope scope, Map<String, Shape> env) {
    String text = ex.toString();
    if (ex instanceof Column col) {
      String[] problem = new String[2];
      Col src = scope.resolve(col, problem);
      String name = alias != null ? unquote(alias.getName()) : unquote(col.getColumnName());
      if (src == null) {
        Col c = new Col(name, new LinkedHashSet<>(), false, text);
        c.errorCategory = problem[0];
        c.error = problem[1];
        return c;
      }
      Col c = new Col(name, src.origins, src.identity, src.expr != null ? src.expr : text);
      c.errorCategory = problem[0] != null ? problem[0] : src.errorCategory;
      c.error = problem[0] != null ? problem[1] : src.error;
      return c;
    }
    Collected got = collect(ex, scope, env);
    String name = alias != null ? unquote(alias.getName()) : text.toLowerCase(Locale.ROOT);
    Col c = new Col(name, got.origins, false, text);
    c.errorCategory = got.category;
    c.error = got.error;
    return c;
  }

  private void addFrom(FromItem item, Scope scope, Map<String, Shape> env, List<FilterDep> filters) {
    if (item.getPivot() != null || item.getUnPivot() != null) {
      // PIVOT/UNPIVOT: the new columns' names come from data; each comes from all of the input
      Scope tmp = new Scope(scope.outer);
      addFromPlain(item, tmp, env, filters);
      for (Entry e : tmp.entries) {
        Set<Origin> all = new LinkedHashSet<>();
        e.shape().cols.forEach(c -> all.addAll(c.origins));
        if (e.shape().openNode != null) {
          all.add(new Origin(e.shape().openNode, "*"));
        }
        Shape p = new Shape(e.shape().cols, false, null, all);
        p.filters.addAll(e.shape().filters);
        String alias = item.getPivot() != null && item.getPivot().getAlias() != null
            ? unquote(item.getPivot().getAlias().getName()) : e.alias();
        scope.entries.add(new Entry(alias, e.table(), p));
      }
      return;
    }
    addFromPlain(item, scope, env, filters);
  }

  private void addFromPlain(FromItem item, Scope scope, Map<String, Shape> env, List<FilterDep> filters) {
    String alias = item.getAlias() == null ? null : unquote(item.getAlias().getName());
    if (item instanceof Table t) {
      String full = t.getFullyQualifiedName();
      String last = unquote(t.getName());
      Shape cte = t.getSchemaName() == null ? env.get(last) : null;
      if (cte != null) {
        scope.entries.add(new Entry(alias, last, cte));
        return;
      }
      String node = relations.lookup(full, parents);
      if (node == null) {
        String rel = String.join(".", Relations.split(full));
        issues.putIfAbsent("unknown_relation", "relation not in the manifest: " + rel);
        scope.entries.add(new Entry(alias, last, new Shape(new ArrayList<>(), false, "?" + rel, null)));
        return;
      }
      Relations.NodeColumns nc = relations.columns(node);
      List<Col> cols = new ArrayList<>();
      if (nc != null) {
        for (String n : nc.names()) {
          cols.add(new Col(n, new LinkedHashSet<>(Set.of(new Origin(node, n))), true, null));
        }
      }
      boolean complete = nc != null && nc.complete();
      scope.entries.add(new Entry(alias, last, new Shape(cols, complete, complete ? null : node, null)));
    } else if (item instanceof ParenthesedSelect p) {
      scope.entries.add(new Entry(alias, null, eval(p.getSelect(), scope.outer, env)));
    } else if (item instanceof LateralSubSelect l) {
      scope.entries.add(new Entry(alias, null, eval(l.getSelect(), scope, env)));
    } else if (item instanceof ParenthesedFromItem pf) {
      addFrom(pf.getFromItem(), scope, env, filters);
      if (pf.getJoins() != null) {
        for (Join j : pf.getJoins()) {
          addFrom(j.getRightItem(), scope, env, filters);
          if (j.getOnExpressions() != null) {
            for (Expression on : j.getOnExpressions()) {
              collect(on, scope, env).origins.forEach(o -> filters.add(new FilterDep(o, "join")));
            }
          }
        }
      }
    } else if (item instanceof TableFunction tf) {
      Collected got = collect(tf.getExpression(), scope, env);
      scope.entries.add(new Entry(alias, null, new Shape(new ArrayList<>(), false, null, got.origins)));
    } else {
      scope.entries.add(new Entry(alias, null, new Shape(new ArrayList<>(), false, null, Set.of())));
    }
  }

  // ---- expressions ----

  static final class Collected {
    final Set<Origin> origins = new LinkedHashSet<>();
    String category;
    String error;
  }

  private Collected collect(Expression ex, Scope scope, Map<String, Shape> env) {
    Collected out = new Collected();
    if (ex == null) {
      return out;
    }
    ExpressionVisitorAdapter<Void> v = new ExpressionVisitorAdapter<>() {
      @Override
      public <S> Void visit(Column column, S context) {
        String[] problem = new String[2];
        Col c = scope.resolve(column, problem);
        if (c != null) {
          out.origins.addAll(c.origins);
          if (out.category == null && c.errorCategory != null) {
            out.category = c.errorCategory;
            out.error = c.error;
          }
        }
        if (problem[0] != null && out.category == null) {
          out.category = problem[0];
          out.error = problem[1];
        }
        return null;
      }

      @Override
      public <S> Void visit(net.sf.jsqlparser.expression.AnalyticExpression a, S context) {
        for (Expression e : new Expression[] {a.getExpression(), a.getOffset(), a.getDefaultValue(),
            a.getFilterExpression()}) {
          if (e != null) {
            e.accept(this, context);
          }
        }
        if (a.getPartitionExpressionList() != null) {
          for (Object e : a.getPartitionExpressionList()) {
            ((Expression) e).accept(this, context);
          }
        }
        for (List<net.sf.jsqlparser.statement.select.OrderByElement> list
            : java.util.Arrays.asList(a.getOrderByElements(), a.getFuncOrderBy())) {
          if (list != null) {
            list.forEach(o -> o.getExpression().accept(this, context));
          }
        }
        return null;
      }

      @Override
      public <S> Void visit(ParenthesedSelect select, S context) {
        sub(select);
        return null;
      }

      @Override
      public <S> Void visit(Select select, S context) {
        sub(select);
        return null;
      }

      private void sub(Select select) {
        Shape s = eval(select, scope, env);
        s.cols.forEach(c -> out.origins.addAll(c.origins));
        s.filters.forEach(f -> out.origins.add(f.origin()));
      }
    };
    ex.accept(v, null);
    return out;
  }

  static String unquote(String name) {
    if (name == null) {
      return null;
    }
    String s = name.strip();
    if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '`' || s.charAt(0) == '[')) {
      s = s.substring(1, s.length() - 1);
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /** Model-level problems met while resolving (first of each category). */
  public Map<String, String> issues() {
    return issues;
  }
}
