package dev.dbtlens.graphql;

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
final class NodeColumnUse extends SimplePerformantInstrumentation {
  /** The JSON column: {@link NodeSql#NODE_JSON}. */
  static final int JSON = 1;
  /** The raw code column. */
  static final int RAW_CODE = 2;
  /** The compiled code column. */
  static final int COMPILED_CODE = 4;
  /** Every large column. */
  static final int ALL = JSON | RAW_CODE | COMPILED_CODE;

  /** Node type fields whose value comes from {@link NodeSql#NODE_JSON}'s JSON columns. */
  static final Set<String> JSON_FIELDS = Set.of("nodeType", "exposureType", "type", "maturity", "url",
      "ownerEmail", "label", "loader", "sourceDescription", "deprecationDate", "definitionJson",
      "typeParams", "filter", "entities", "measures", "dimensions", "queryParams", "exports",
      "formula", "given", "expect", "overrides", "numGiven", "numGivenRows", "numExpectRows", "model",
      "ownerGithub", "ownerSlack", "arguments", "returns");

  private final Set<String> nodeTypes;

  NodeColumnUse(Set<String> nodeTypes) {
    this.nodeTypes = Set.copyOf(nodeTypes);
  }

  /** @return the object types whose fields read a node's columns: node rows and job-level nodes */
  static Set<String> nodeTypes(graphql.schema.idl.TypeDefinitionRegistry types) {
    Set<String> out = new java.util.HashSet<>(NodeWiring.rowTypes(types));
    out.addAll(JobNodeWiring.TYPES);
    return out;
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
        columns |= JSON_FIELDS.contains(f.getName()) ? JSON
            : "rawCode".equals(f.getName()) || "rawSql".equals(f.getName()) ? RAW_CODE
            : "compiledCode".equals(f.getName()) || "compiledSql".equals(f.getName()) ? COMPILED_CODE : 0;
      }
      todo.addAll(f.getChildren());
    }
    return columns;
  }
}
