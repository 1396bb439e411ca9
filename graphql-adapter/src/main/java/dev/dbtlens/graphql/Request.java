package dev.dbtlens.graphql;

import dev.dbtlens.DbtLens;
import dev.dbtlens.Lineage;
import graphql.schema.DataFetchingEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one execution, kept in its GraphQL context: the database access (one connection),
 * the limits and the lineage graphs used so far. Made new for every execution, never shared.
 */
final class Request implements AutoCloseable {
  private final DbtLens lens;
  private final Db db;
  private final Limits limits;
  private final Map<String, Lineage> lineages = new HashMap<>();
  private int nodeColumns = NodeColumnUse.ALL;
  private List<EnvironmentRef> environments;
  private Ids.Runs runs;

  Request(DbtLens lens, ConnectionSource connections, Limits limits) {
    this.lens = lens;
    this.db = new Db(connections);
    this.limits = limits;
  }

  static Request of(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(Request.class);
  }

  Db db() {
    return db;
  }

  Limits limits() {
    return limits;
  }

  /**
   * @param environment an environment
   * @return the lineage of its latest manifest (built by core once and cached there)
   * @throws dev.dbtlens.NotFoundException if it has no manifest
   */
  Lineage lineage(String environment) {
    return lineages.computeIfAbsent(environment, lens::lineage);
  }

  /** @return every environment, read once per execution */
  List<EnvironmentRef> environments() {
    if (environments == null) {
      environments = Environments.all(this);
    }
    return environments;
  }

  /** @return the environment of that name (it exists: a node or run of it was read) */
  EnvironmentRef environment(String name) {
    for (EnvironmentRef e : environments()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new dev.dbtlens.NotFoundException("Environment '" + name + "' not found.");
  }

  /** @return the numeric ids of runs and jobs, read once per execution when first asked */
  Ids.Runs runs() {
    if (runs == null) {
      runs = new Ids.Runs(this);
    }
    return runs;
  }

  /** @return the node's large columns the operation reads: {@link NodeColumnUse} bits */
  int nodeColumns() {
    return nodeColumns;
  }

  void nodeColumns(int asked) {
    this.nodeColumns = asked;
  }

  @Override
  public void close() {
    db.close();
  }
}
