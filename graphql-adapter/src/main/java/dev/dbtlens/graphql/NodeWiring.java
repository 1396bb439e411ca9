package dev.dbtlens.graphql;

import graphql.language.ObjectTypeDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The node types and their interfaces: every object type that implements one of the four node
 * interfaces (but macros, exposure tiles and external models) is served by a {@link NodeRow} with
 * {@link NodeFields}; each interface resolves a row to the type of its role and resource type.
 */
final class NodeWiring {
  static final List<String> INTERFACES = List.of("EnvironmentAppliedNode", "EnvironmentDefinitionNode",
      "EnvironmentAppliedNestedNode", "EnvironmentDefinitionNestedNode");
  private static final Set<String> NOT_ROWS = Set.of("MacroDefinitionNode", "MacroDefinitionNestedNode",
      "ExposureTileNode", "ExternalModelNode");

  private NodeWiring() {}

  /** @return the object types a {@link NodeRow} serves */
  static List<String> rowTypes(TypeDefinitionRegistry types) {
    return Wire.objectTypes(types, t -> !NOT_ROWS.contains(t.getName())
        && INTERFACES.stream().anyMatch(i -> Wire.implementsInterface(t, i)));
  }

  static void wire(RuntimeWiring.Builder wiring, TypeDefinitionRegistry types) {
    Wire.fields(wiring, types, rowTypes(types), NodeFields.fetchers());
    wiring.type("EnvironmentAppliedNode", t -> t.typeResolver(resolver(NodeWiring::applied)));
    wiring.type("EnvironmentDefinitionNode", t -> t.typeResolver(resolver(NodeWiring::definition)));
    wiring.type("EnvironmentAppliedNestedNode", t -> t.typeResolver(resolver(NodeWiring::appliedNested)));
    wiring.type("EnvironmentDefinitionNestedNode", t -> t.typeResolver(resolver(NodeWiring::definitionNested)));
  }

  private static TypeResolver resolver(Function<String, String> typeOf) {
    return env -> {
      Object source = env.getObject();
      String type = source instanceof MacroRow ? "macro" : ((NodeRow) source).resourceType();
      GraphQLObjectType t = env.getSchema().getObjectType(typeOf.apply(type));
      return t;
    };
  }

  static String applied(String resourceType) {
    return switch (resourceType) {
      case "model" -> "ModelAppliedStateNode";
      case "source" -> "SourceAppliedStateNode";
      case "test", "unit_test" -> "TestAppliedStateNode";
      case "seed" -> "SeedAppliedStateNode";
      case "snapshot" -> "SnapshotAppliedStateNode";
      case "exposure" -> "ExposureAppliedStateNode";
      default -> shared(resourceType, "GenericAppliedStateNode");
    };
  }

  static String definition(String resourceType) {
    return switch (resourceType) {
      case "model" -> "ModelDefinitionNode";
      case "source" -> "SourceDefinitionNode";
      case "test", "unit_test" -> "TestDefinitionNode";
      case "seed" -> "SeedDefinitionNode";
      case "snapshot" -> "SnapshotDefinitionNode";
      case "exposure" -> "ExposureDefinitionNode";
      default -> shared(resourceType, "GenericAppliedStateNode");
    };
  }

  /** The types that serve both states: definitions only. */
  private static String shared(String resourceType, String otherwise) {
    return switch (resourceType) {
      case "metric" -> "MetricDefinitionNode";
      case "semantic_model" -> "SemanticModelDefinitionNode";
      case "saved_query" -> "SavedQueryDefinitionNode";
      case "function" -> "FunctionDefinitionNode";
      case "group" -> "GroupNode";
      case "macro" -> "MacroDefinitionNode";
      default -> otherwise;
    };
  }

  static String appliedNested(String resourceType) {
    return switch (resourceType) {
      case "model" -> "ModelAppliedStateNestedNode";
      case "source" -> "SourceAppliedStateNestedNode";
      case "test", "unit_test" -> "TestAppliedStateNestedNode";
      case "seed" -> "SeedAppliedStateNestedNode";
      case "snapshot" -> "SnapshotAppliedStateNestedNode";
      case "exposure" -> "ExposureAppliedStateNestedNode";
      default -> sharedNested(resourceType);
    };
  }

  static String definitionNested(String resourceType) {
    return switch (resourceType) {
      case "model" -> "ModelDefinitionNestedNode";
      case "source" -> "SourceDefinitionNestedNode";
      case "test", "unit_test" -> "TestDefinitionNestedNode";
      case "seed" -> "SeedDefinitionNestedNode";
      case "snapshot" -> "SnapshotDefinitionNestedNode";
      case "exposure" -> "ExposureDefinitionNestedNode";
      default -> sharedNested(resourceType);
    };
  }

  private static String sharedNested(String resourceType) {
    return switch (resourceType) {
      case "metric" -> "MetricDefinitionNestedNode";
      case "semantic_model" -> "SemanticModelDefinitionNestedNode";
      case "saved_query" -> "SavedQueryDefinitionNestedNode";
      case "function" -> "FunctionDefinitionNestedNode";
      case "macro" -> "MacroDefinitionNestedNode";
      default -> "GenericNestedNode";
    };
  }

  static boolean isRowType(ObjectTypeDefinition t) {
    return !NOT_ROWS.contains(t.getName());
  }
}
