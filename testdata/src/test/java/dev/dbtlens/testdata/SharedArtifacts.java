package dev.dbtlens.testdata;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared dbt artifacts folder (real files and the official JSON Schemas), read in place, never copied.
 * Found through the {@code dbtlens.artifacts} system property (set by surefire), else {@code ../shared/dbt-artifacts}
 * beside the repository. When it is missing, tests fail if {@code CI=true} and are skipped otherwise.
 */
final class SharedArtifacts {
    private static final String SCHEMA_BASE = "https://schemas.getdbt.com/dbt/";
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static volatile JsonSchemaFactory factory;

    private SharedArtifacts() {
    }

    /** The shared folder, or a failed/skipped test if it cannot be found. */
    static Path root() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("dbtlens.artifacts");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("testdata"))) {
                candidates.add(dir.resolve("../shared/dbt-artifacts"));
            }
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve("schemas/manifest/v12.json"))) {
                return c.normalize();
            }
        }
        String expected = candidates.isEmpty() ? "../shared/dbt-artifacts (beside the repository)"
                : candidates.get(0).normalize().toString();
        String message = "shared dbt artifacts not found; expected them at " + expected
                + " (set -Ddbtlens.artifacts=DIR)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        return null;
    }

    /**
     * The official schema for an artifact file name (manifest.json, run_results.json, sources.json, catalog.json);
     * messages report JSON paths such as {@code $.results[1].execution_time}.
     */
    static JsonSchema schemaFor(String fileName) {
        String relative = switch (fileName) {
            case "manifest.json" -> "manifest/v12.json";
            case "run_results.json" -> "run-results/v6.json";
            case "sources.json" -> "sources/v3.json";
            case "catalog.json" -> "catalog/v1.json";
            default -> throw new IllegalArgumentException("not an artifact: " + fileName);
        };
        return SCHEMAS.computeIfAbsent(relative, r -> factory().getSchema(SchemaLocation.of(SCHEMA_BASE + r),
                SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).build()));
    }

    /** Validation messages of a document against the schema for its file name, at most {@code limit}. */
    static List<String> validate(String fileName, JsonNode document, int limit) {
        Set<ValidationMessage> messages = schemaFor(fileName).validate(document);
        return messages.stream().limit(limit).map(ValidationMessage::toString).toList();
    }

    /**
     * The dbt schemas declare draft 2020-12 and identify themselves by their schemas.getdbt.com URL; that URL
     * prefix is mapped to the local folder so nothing is fetched.
     */
    private static JsonSchemaFactory factory() {
        if (factory == null) {
            String local = root().resolve("schemas").toUri().toString();
            factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    b -> b.schemaMappers(m -> m.mapPrefix(SCHEMA_BASE, local)));
        }
        return factory;
    }
}
