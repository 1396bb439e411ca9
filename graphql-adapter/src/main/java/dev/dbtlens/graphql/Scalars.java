package dev.dbtlens.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The schema's custom scalars: {@code DateTime}, {@code JSONObject}, {@code BigInt}, {@code AnyScalar}. */
final class Scalars {
  private Scalars() {}

  static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar().name("DateTime")
      .description("An instant in UTC, ISO-8601").coercing(new DateTimeCoercing()).build();
  static final GraphQLScalarType JSON_OBJECT = GraphQLScalarType.newScalar().name("JSONObject")
      .description("A JSON object").coercing(new JsonCoercing(true)).build();
  static final GraphQLScalarType ANY = GraphQLScalarType.newScalar().name("AnyScalar")
      .description("Any JSON value").coercing(new JsonCoercing(false)).build();
  static final GraphQLScalarType BIG_INT = GraphQLScalarType.newScalar().name("BigInt")
      .description("A 64-bit integer").coercing(new BigIntCoercing()).build();

  private static final class DateTimeCoercing implements Coercing<Instant, String> {
    @Override
    public String serialize(Object value, GraphQLContext context, Locale locale) {
      if (value instanceof Instant i) {
        return i.toString();
      }
      if (value instanceof String s) {
        return s;
      }
      throw new CoercingSerializeException("Not a DateTime: " + value);
    }

    @Override
    public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
      try {
        return parse(String.valueOf(input));
      } catch (DateTimeParseException e) {
        throw new CoercingParseValueException("Not an ISO-8601 DateTime: '" + input + "'");
      }
    }

    @Override
    public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
        Locale locale) {
      if (!(input instanceof StringValue s)) {
        throw new CoercingParseLiteralException("A DateTime is a string, e.g. \"2026-01-05T08:00:00Z\"");
      }
      try {
        return parse(s.getValue());
      } catch (DateTimeParseException e) {
        throw new CoercingParseLiteralException("Not an ISO-8601 DateTime: '" + s.getValue() + "'");
      }
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
      return StringValue.of(serialize(input, context, locale));
    }

    private static Instant parse(String text) {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(text).toInstant();
      }
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }
  }

  /**
   * {@code BigInt}: JSON numbers and numeric strings become a Long. As a dbtlens extension, any
   * other non-blank string is kept as a String: an environment name, a job label or an
   * invocation id where an id is expected ({@link Ids#number}).
   */
  private static final class BigIntCoercing implements Coercing<Object, Long> {
    @Override
    public Long serialize(Object value, GraphQLContext context, Locale locale) {
      if (value instanceof Number n) {
        return n.longValue();
      }
      try {
        return Long.parseLong(String.valueOf(value));
      } catch (NumberFormatException e) {
        throw new CoercingSerializeException("Not a BigInt: " + value);
      }
    }

    @Override
    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
      if (input instanceof Number n) {
        if (n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal) {
          if (n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new CoercingParseValueException("Not a BigInt: '" + input + "'");
          }
        }
        return n.longValue();
      }
      if (input instanceof String s && !s.isBlank()) {
        String t = s.strip();
        return t.matches("-?\\d{1,18}") ? (Object) Long.parseLong(t) : t;
      }
      throw new CoercingParseValueException("Not a BigInt: '" + input + "'");
    }

    @Override
    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
        Locale locale) {
      if (input instanceof IntValue i) {
        return i.getValue().longValueExact();
      }
      if (input instanceof StringValue s) {
        try {
          return parseValue(s.getValue(), context, locale);
        } catch (CoercingParseValueException e) {
          throw new CoercingParseLiteralException(e.getMessage());
        }
      }
      throw new CoercingParseLiteralException("Not a BigInt: " + input);
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
      return input instanceof String s && !s.matches("-?\\d+") ? StringValue.of(s)
          : new IntValue(java.math.BigInteger.valueOf(serialize(input, context, locale)));
    }
  }

  /** JSON values; {@link JsonText} from the database is parsed on the way out. */
  private static final class JsonCoercing implements Coercing<Object, Object> {
    private final boolean objectOnly;

    JsonCoercing(boolean objectOnly) {
      this.objectOnly = objectOnly;
    }

    @Override
    public Object serialize(Object value, GraphQLContext context, Locale locale) {
      return value instanceof JsonText t ? t.value() : value;
    }

    @Override
    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
      if (objectOnly && !(input instanceof Map<?, ?>)) {
        throw new CoercingParseValueException("A JSONObject must be an object, got: " + input);
      }
      return input;
    }

    @Override
    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
        Locale locale) {
      if (objectOnly && !(input instanceof ObjectValue)) {
        throw new CoercingParseLiteralException("A JSONObject must be an object literal");
      }
      return literal(input, variables);
    }

    private static Object literal(Value<?> v, CoercedVariables variables) {
      if (v instanceof ObjectValue o) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ObjectField f : o.getObjectFields()) {
          out.put(f.getName(), literal(f.getValue(), variables));
        }
        return out;
      }
      if (v instanceof ArrayValue a) {
        List<Object> out = new ArrayList<>();
        a.getValues().forEach(x -> out.add(literal(x, variables)));
        return out;
      }
      if (v instanceof StringValue s) {
        return s.getValue();
      }
      if (v instanceof IntValue i) {
        return i.getValue().longValue();
      }
      if (v instanceof FloatValue f) {
        return f.getValue().doubleValue();
      }
      if (v instanceof BooleanValue b) {
        return b.isValue();
      }
      if (v instanceof EnumValue e) {
        return e.getName();
      }
      if (v instanceof VariableReference ref) {
        return variables.get(ref.getName());
      }
      if (v instanceof NullValue) {
        return null;
      }
      throw new CoercingParseLiteralException("Not a JSON value: " + v);
    }
  }
}
