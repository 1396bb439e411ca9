package dev.dbtlens.graphql.internal.execution;

import dev.dbtlens.InvocationNotFoundException;
import dev.dbtlens.NotFoundException;
import dev.dbtlens.SelectorSyntaxException;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Errors as data: a field that cannot be served is null, with an error saying why. */
public final class Errors {
  private Errors() {}

  /** @return a null value for the field with a bad-request error */
  public static <T> DataFetcherResult<T> badRequest(DataFetchingEnvironment env, String message) {
    return failure(env, message, ErrorType.ValidationError);
  }

  /** @return a null value for the field with a not-found error */
  public static <T> DataFetcherResult<T> notFound(DataFetchingEnvironment env, String message) {
    return failure(env, message, ErrorType.DataFetchingException);
  }

  private static <T> DataFetcherResult<T> failure(DataFetchingEnvironment env, String message,
      ErrorClassification type) {
    GraphQLError error = GraphqlErrorBuilder.newError(env).message(message).errorType(type).build();
    return DataFetcherResult.<T>newResult().data(null).error(error).build();
  }

  /**
   * Turns an exception thrown while fetching into an error message: dbtlens' own exceptions (not
   * found, selector syntax) and bad arguments keep their message; anything else is named.
   */
  public static final class Handler implements DataFetcherExceptionHandler {
    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
        DataFetcherExceptionHandlerParameters params) {
      Throwable e = params.getException();
      while (e instanceof CompletionException && e.getCause() != null) {
        e = e.getCause();
      }
      GraphQLError error = GraphqlErrorBuilder.newError()
          .message(message(e))
          .errorType(isBadInput(e) ? ErrorType.ValidationError : ErrorType.DataFetchingException)
          .location(params.getSourceLocation())
          .path(params.getPath())
          .extensions(extensions(e))
          .build();
      return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    private static boolean isBadInput(Throwable e) {
      return e instanceof SelectorSyntaxException || e instanceof IllegalArgumentException;
    }

    /** A selection's expression and the position of its problem; an invocation prefix's candidates. */
    private static Map<String, Object> extensions(Throwable e) {
      if (e instanceof SelectorSyntaxException s) {
        return Map.of("expression", s.expression(), "position", s.position());
      }
      if (e instanceof InvocationNotFoundException n && !n.candidates().isEmpty()) {
        return Map.of("candidates", n.candidates());
      }
      return null;
    }

    private static String message(Throwable e) {
      if (e instanceof SelectorSyntaxException s) {
        return s.problem();
      }
      if (e instanceof NotFoundException || isBadInput(e)) {
        return e.getMessage();
      }
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
