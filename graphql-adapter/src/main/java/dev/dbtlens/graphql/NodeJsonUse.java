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
 * Tells each execution ({@link Request#nodeJson()}) whether its operation asks a node for a field
 * read from the node's JSON (exposure type, maturity, a metric's definition, ...). Node queries
 * read the JSON column only then: it is most of a node's stored bytes, and scanning it costs more
 * than the rest of a page.
 */
final class NodeJsonUse extends SimplePerformantInstrumentation {
  /** Node type fields whose value comes from {@link NodeSql#NODE_JSON}'s JSON columns. */
  static final Set<String> FIELDS = Set.of("nodeType", "exposureType", "type", "maturity", "url",
      "ownerEmail", "label", "loader", "sourceDescription", "deprecationDate", "definitionJson",
      "typeParams", "filter", "entities", "measures", "dimensions", "queryParams", "exports");

  private static final Set<String> NODE_TYPES = Set.copyOf(ResourceTypes.NODE_TYPES);

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(
      InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
    ExecutionContext context = parameters.getExecutionContext();
    Request request = context.getGraphQLContext().get(Request.class);
    if (request != null) {
      request.nodeJson(asksNodeJson(context.getNormalizedQueryTree().get()));
    }
    return SimpleInstrumentationContext.noOp();
  }

  static boolean asksNodeJson(ExecutableNormalizedOperation operation) {
    Deque<ExecutableNormalizedField> todo = new ArrayDeque<>(operation.getTopLevelFields());
    while (!todo.isEmpty()) {
      ExecutableNormalizedField f = todo.pop();
      if (FIELDS.contains(f.getName()) && f.getObjectTypeNames().stream().anyMatch(NODE_TYPES::contains)) {
        return true;
      }
      todo.addAll(f.getChildren());
    }
    return false;
  }
}
