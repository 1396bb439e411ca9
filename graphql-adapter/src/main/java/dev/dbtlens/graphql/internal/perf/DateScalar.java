package dev.dbtlens.graphql.internal.perf;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The {@code Date} scalar of the beta endpoint: a UTC calendar day, {@code YYYY-MM-DD}. */
final class DateScalar {
  private DateScalar() {}

  static final GraphQLScalarType DATE = GraphQLScalarType.newScalar().name("Date")
      .description("A calendar day in UTC, YYYY-MM-DD").coercing(new DateCoercing()).build();

  private static final class DateCoercing implements Coercing<LocalDate, String> {
    @Override
    public String serialize(Object value, GraphQLContext context, Locale locale) {
      if (value instanceof LocalDate d) {
        return d.toString();
      }
      throw new CoercingSerializeException("Not a Date: " + value);
    }

    @Override
    public LocalDate parseValue(Object input, GraphQLContext context, Locale locale) {
      try {
        return LocalDate.parse(String.valueOf(input).strip());
      } catch (DateTimeParseException e) {
        throw new CoercingParseValueException("Not a Date (YYYY-MM-DD): '" + input + "'");
      }
    }

    @Override
    public LocalDate parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
        Locale locale) {
      if (!(input instanceof StringValue s)) {
        throw new CoercingParseLiteralException("A Date is a string, e.g. \"2026-01-05\"");
      }
      try {
        return LocalDate.parse(s.getValue().strip());
      } catch (DateTimeParseException e) {
        throw new CoercingParseLiteralException("Not a Date (YYYY-MM-DD): '" + s.getValue() + "'");
      }
    }
  }
}
