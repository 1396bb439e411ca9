package dev.dbtlens.graphql;

import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Registers one fetcher per field name on every type of a group that has the field. */
final class Wire {
  private Wire() {}

  static void fields(RuntimeWiring.Builder wiring, TypeDefinitionRegistry types,
      Collection<String> typeNames, Map<String, DataFetcher<?>> fetchers) {
    for (String typeName : typeNames) {
      ObjectTypeDefinition def = types.getTypeOrNull(typeName, ObjectTypeDefinition.class);
      if (def == null) {
        throw new IllegalStateException("no object type " + typeName + " in the SDL");
      }
      wiring.type(typeName, t -> {
        for (FieldDefinition field : def.getFieldDefinitions()) {
          DataFetcher<?> f = fetchers.get(field.getName());
          if (f != null) {
            t.dataFetcher(field.getName(), f);
          }
        }
        return t;
      });
    }
  }

  /** @return the object types of the SDL whose name passes the test, sorted */
  static List<String> objectTypes(TypeDefinitionRegistry types, Predicate<ObjectTypeDefinition> test) {
    List<String> out = new ArrayList<>();
    for (ObjectTypeDefinition t : types.getTypes(ObjectTypeDefinition.class)) {
      if (test.test(t)) {
        out.add(t.getName());
      }
    }
    out.sort(null);
    return out;
  }

  /** @return true if the type implements the interface {@code name} */
  static boolean implementsInterface(ImplementingTypeDefinition<?> type, String name) {
    return type.getImplements().stream()
        .anyMatch(i -> i instanceof graphql.language.TypeName n && n.getName().equals(name));
  }
}
