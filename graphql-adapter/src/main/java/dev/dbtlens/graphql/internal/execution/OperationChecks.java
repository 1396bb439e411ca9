package dev.dbtlens.graphql.internal.execution;

import graphql.ExecutionResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.validation.ValidationError;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What runs once per operation before it executes: the depth limit, the complexity limit and the
 * node columns the operation reads ({@link NodeColumnUse}). One instrumentation instead of
 * graphql-java's {@code ChainedInstrumentation} of the three: the chain wraps every field's fetch
 * and completion in per-instrumentation contexts, a quarter of a 500-model page's time although
 * none of the three looks at fields.
 */
public final class OperationChecks extends SimplePerformantInstrumentation {
  private final MaxQueryDepthInstrumentation depth;
  private final MaxQueryComplexityInstrumentation complexity;
  private final NodeColumnUse columns;

  /**
   * @param maxDepth the depth limit
   * @param maxComplexity the complexity limit, costed by {@code calculator}
   * @param calculator each field's cost
   * @param columns the node column analysis
   */
  public OperationChecks(int maxDepth, int maxComplexity, Complexity calculator, NodeColumnUse columns) {
    this.depth = new MaxQueryDepthInstrumentation(maxDepth);
    this.complexity = new MaxQueryComplexityInstrumentation(maxComplexity, calculator);
    this.columns = columns;
  }

  @Override
  public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
    return complexity.createStateAsync(parameters);
  }

  @Override
  public InstrumentationContext<List<ValidationError>> beginValidation(
      InstrumentationValidationParameters parameters, InstrumentationState state) {
    return complexity.beginValidation(parameters, state);
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(
      InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
    depth.beginExecuteOperation(parameters, null);
    complexity.beginExecuteOperation(parameters, state);
    columns.beginExecuteOperation(parameters, null);
    return SimpleInstrumentationContext.noOp();
  }
}
