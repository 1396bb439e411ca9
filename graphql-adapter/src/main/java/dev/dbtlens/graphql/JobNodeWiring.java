package dev.dbtlens.graphql;

import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.List;

/** The job-level node types over {@link JobItem}s, and their two interfaces. */
final class JobNodeWiring {
  static final List<String> TYPES = List.of("ModelNode", "SourceNode", "TestNode", "SeedNode",
      "SnapshotNode", "ExposureNode", "MacroNode", "MetricNode");

  private JobNodeWiring() {}

  static void wire(RuntimeWiring.Builder wiring, TypeDefinitionRegistry types) {
    Wire.fields(wiring, types, TYPES, JobFields.fetchers());
    for (String i : List.of("NodeInterface", "CloudArtifactInterface")) {
      wiring.type(i, t -> t.typeResolver(env ->
          env.getSchema().getObjectType(objectType(((JobItem) env.getObject()).resourceType()))));
    }
  }

  static String objectType(String resourceType) {
    return switch (resourceType) {
      case "source" -> "SourceNode";
      case "test", "unit_test" -> "TestNode";
      case "seed" -> "SeedNode";
      case "snapshot" -> "SnapshotNode";
      case "exposure" -> "ExposureNode";
      case "macro" -> "MacroNode";
      case "metric" -> "MetricNode";
      default -> "ModelNode";
    };
  }
}
