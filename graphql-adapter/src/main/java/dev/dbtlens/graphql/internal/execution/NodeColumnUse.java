package dev.dbtlens.graphql.internal.execution;

import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.ExecutionContext;
import graphql.ExecutionResult;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Tells each execution ({@link Request#nodeColumns()}) which of the node's large columns its
 * operation asks a node type for: the JSON (exposure type, maturity, a metric's definition, ...),
 * the raw code, the compiled code. Node queries read those columns only then: they are most of a
 * node's stored bytes, and DuckDB scans a column whole, whichever rows a query keeps.
 */
public final class NodeColumnUse extends SimplePerformantInstrumentation {
  /** The JSON column: {@code node.NodeSql#NODE_JSON}. */
  public static final int JSON = 1;
  /** The raw code column. */
  public static final int RAW_CODE = 2;
  /** The compiled code column. */
  public static final int COMPILED_CODE = 4;
  /**
   * The node table's wide columns (meta, config, description, fqn, depends on, ...): asked by any
   * node type field but the {@link #NARROW_FIELDS}.
   */
  public static final int WIDE = 8;
  /** Every large column. */
  public static final int ALL = JSON | RAW_CODE | COMPILED_CODE | WIDE;

  /**
   * Node type fields answered from the node's narrow columns or its key alone (relations, read by
   * DataLoaders): a page asking only these reads no wide column.
   */
  static final Set<String> NARROW_FIELDS = Set.of("__typename", "uniqueId", "name", "resourceType",
      "materializedType", "database", "schema", "alias", "identifier", "tags", "packageName",
      "accountId", "projectId", "environmentId", "access", "language", "version", "latestVersion",
      "sourceName", "columnName", "relationName", "executionInfo", "catalog", "parents", "children",
      "tests", "ancestors", "descendants", "lastKnownResult", "testStatuses", "versions");

  /** Node type fields whose value comes from {@code node.NodeSql#NODE_JSON}'s JSON columns. */
  static final Set<String> JSON_FIELDS = Set.of("nodeType", "exposureType", "type", "maturity", "url",
      "ownerEmail", "label", "loader", "sourceDescription", "deprecationDate", "definitionJson",
      "typeParams", "filter", "entities", "measures", "dimensions", "queryParams", "exports",
      "formula", "given", "expect", "overrides", "numGiven", "numGivenRows", "numExpectRows", "model",
      "ownerGithub", "ownerSlack", "arguments", "returns");

  private final Set<String> nodeTypes;

  public NodeColumnUse(Set<String> nodeTypes) {
    this.nodeTypes = Set.copyOf(nodeTypes);
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(
      InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
    ExecutionContext context = parameters.getExecutionContext();
    Request request = context.getGraphQLContext().get(Request.class);
    if (request != null) {
      request.nodeColumns(asked(context.getNormalizedQueryTree().get()));
    }
    return SimpleInstrumentationContext.noOp();
  }

  /** @return the {@link #ALL} bits of the large columns that fields of the operation read */
  int asked(ExecutableNormalizedOperation operation) {
    int columns = 0;
    Deque<ExecutableNormalizedField> todo = new ArrayDeque<>(operation.getTopLevelFields());
    while (!todo.isEmpty()) {
      ExecutableNormalizedField f = todo.pop();
      if (f.getObjectTypeNames().stream().anyMatch(nodeTypes::contains)) {
        columns |= NARROW_FIELDS.contains(f.getName()) ? 0 : WIDE;
        columns |= JSON_FIELDS.contains(f.getName()) ? JSON
            : "rawCode".equals(f.getName()) || "rawSql".equals(f.getName()) ? RAW_CODE
            : "compiledCode".equals(f.getName()) || "compiledSql".equals(f.getName()) ? COMPILED_CODE : 0;
      }
      todo.addAll(f.getChildren());
    }
    return columns;
  }
}
