package dev.dbtlens.graphql.internal.execution;

import dev.dbtlens.graphql.Limits;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * The estimated cost of a field (see {@link Limits#maxComplexity()}): 1 plus its children's cost,
 * times the page size for a connection, times 10 for other lists, times 100 for {@code lineage}.
 * Introspection fields cost 1 plus their children.
 */
public final class Complexity implements FieldComplexityCalculator {
  static final int LIST_FACTOR = 10;
  static final int LINEAGE_FACTOR = 100;

  private final Limits limits;

  public Complexity(Limits limits) {
    this.limits = limits;
  }

  @Override
  public int calculate(FieldComplexityEnvironment env, int childComplexity) {
    GraphQLFieldDefinition def = env.getFieldDefinition();
    String parent = env.getParentType().getName();
    if (parent.startsWith("__") || def.getName().startsWith("__")) {
      return capped(1L + childComplexity);
    }
    GraphQLType type = GraphQLTypeUtil.unwrapAll(def.getType());
    String typeName = type instanceof GraphQLNamedType n ? n.getName() : "";
    if (typeName.endsWith("Connection")) {
      return capped(1L + (long) pageSize(env.getArguments().get("first")) * childComplexity);
    }
    if (env.getArguments().get("lastRunCount") instanceof Number runs) {
      // history: up to lastRunCount rows for each node asked for
      Object ids = env.getArguments().get("uniqueIds");
      long nodes = ids instanceof java.util.List<?> l ? Math.max(1, l.size()) : LIST_FACTOR;
      return capped(1L + Math.max(1, runs.longValue()) * nodes * childComplexity);
    }
    if ("lineage".equals(def.getName())) {
      return capped(1L + (long) LINEAGE_FACTOR * childComplexity);
    }
    boolean list = GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(def.getType()));
    if (list && !parent.endsWith("Connection")) {
      return capped(1L + (long) LIST_FACTOR * childComplexity);
    }
    return capped(1L + childComplexity);
  }

  private int pageSize(Object first) {
    if (first instanceof Number n) {
      return Math.max(0, Math.min(n.intValue(), limits.maxPageSize()));
    }
    return limits.maxPageSize();
  }

  private static int capped(long v) {
    return (int) Math.min(v, Integer.MAX_VALUE);
  }
}
