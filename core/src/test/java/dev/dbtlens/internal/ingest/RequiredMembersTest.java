package dev.dbtlens.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.ArtifactKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The required top-level members dbtlens checks are those of dbt's official JSON Schemas. */
class RequiredMembersTest {
  private static final Path SCHEMAS = Path.of(System.getProperty("dbtlens.artifacts",
      Path.of("..", "..", "shared", "dbt-artifacts").toString()), "schemas");

  static Stream<String> schemas() throws IOException {
    Path root = SCHEMAS.toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(root), "the official schemas are expected at " + root);
    List<String> out = new ArrayList<>();
    for (ArtifactKind kind : List.of(ArtifactKind.MANIFEST, ArtifactKind.RUN_RESULTS, ArtifactKind.SOURCES,
        ArtifactKind.CATALOG)) {
      for (int v = 1; v <= ArtifactProbe.LATEST.get(kind); v++) {
        out.add(kind.schemaName() + "/v" + v);
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void matchTheOfficialSchema(String schema) throws IOException {
    Path file = SCHEMAS.resolve(schema + ".json");
    JsonNode required = new ObjectMapper().readTree(file.toFile()).get("required");
    List<String> expected = new ArrayList<>();
    required.forEach(r -> expected.add(r.asText()));
    String[] parts = schema.split("/v");
    ArtifactKind kind = java.util.Arrays.stream(ArtifactKind.values())
        .filter(k -> k.schemaName().equals(parts[0])).findFirst().orElseThrow();

    assertThat(RequiredMembers.of(kind, Integer.parseInt(parts[1]))).containsExactlyInAnyOrderElementsOf(expected);
  }
}
