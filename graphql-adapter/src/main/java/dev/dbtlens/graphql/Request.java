package dev.dbtlens.graphql;

import dev.dbtlens.DbtLens;
import dev.dbtlens.Lineage;
import graphql.schema.DataFetchingEnvironment;
import java.util.HashMap;
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
