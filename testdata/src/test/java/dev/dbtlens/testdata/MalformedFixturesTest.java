package dev.dbtlens.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The hand-written fixtures in {@code testdata/malformed} are broken exactly as their README says. */
class MalformedFixturesTest {
    static final Path DIR = Path.of("malformed");

    @Test
    void fixturesAreSmallAndHandMade() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(json).extracting(p -> p.getFileName().toString()).containsExactly(
                    "deep-nesting-manifest.json", "empty.json", "future-v13-manifest.json",
                    "invalid-utf8-run_results.json", "missing-key-run_results.json", "missing-metadata-sources.json",
                    "not-an-artifact.json", "pre-v1-manifest.json", "truncated-manifest.json",
                    "wrong-type-manifest.json", "wrong-type-run_results.json");
            for (Path p : json) {
                long limit = p.getFileName().toString().startsWith("deep-nesting") ? 64_000 : 10_000;
                assertThat(Files.size(p)).as(p.toString()).isLessThan(limit);
                String text = Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (text.contains("invocation_id")) {
                    assertThat(text).as(p.toString()).containsPattern("00000000-0000-4000-8000-0000000000\\d\\d");
                }
            }
        }
        assertThat(Files.size(DIR.resolve("empty.json"))).isZero();
    }

    @Test
    void truncatedManifestEndsInsideANode() {
        assertThatThrownBy(() -> Artifacts.JSON.readTree(DIR.resolve("truncated-manifest.json").toFile()))
                .isInstanceOf(JsonEOFException.class);
    }

    @Test
    void invalidUtf8IsInsideAStringValue() throws IOException {
        byte[] bytes = Files.readAllBytes(DIR.resolve("invalid-utf8-run_results.json"));
        assertThat(indexOf(bytes, new byte[] {(byte) 0xC3, 0x28})).isPositive();
        assertThatThrownBy(() -> Artifacts.JSON.readTree(bytes))
                .isInstanceOf(JsonParseException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void deepNestingExceedsJacksonsDefaultLimit() throws IOException {
        String text = Files.readString(DIR.resolve("deep-nesting-manifest.json"));
        int depth = text.length() - text.replace("{\"a\": ", "").length();
        assertThat(depth / "{\"a\": ".length()).isEqualTo(4999);
        assertThatThrownBy(() -> Artifacts.JSON.readTree(text)).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void schemaErrorsPointAtTheDocumentedPaths() {
        assertThat(locations("run_results.json", "wrong-type-run_results.json"))
                .containsExactly("$.results[1].execution_time");
        assertThat(locations("manifest.json", "wrong-type-manifest.json")).containsExactly("$.nodes");
        Set<ValidationMessage> missing = SharedArtifacts.schemaFor("run_results.json")
                .validate(Artifacts.read(DIR.resolve("missing-key-run_results.json")));
        assertThat(missing).singleElement().satisfies(m -> {
            assertThat(m.getInstanceLocation().toString()).isEqualTo("$.results[0]");
            assertThat(m.getProperty()).isEqualTo("unique_id");
        });
    }

    @Test
    void versionFixturesLookAsDocumented() {
        JsonNode future = Artifacts.read(DIR.resolve("future-v13-manifest.json"));
        assertThat(future.at("/metadata/dbt_schema_version").asText())
                .isEqualTo("https://schemas.getdbt.com/dbt/manifest/v13.json");
        assertThat(SharedArtifacts.validate("manifest.json", future, 10)).isEmpty();
        ManifestChecks.assertGraphConsistent(future, "future-v13");
        assertThat(future.get("nodes").size()).isEqualTo(3);

        JsonNode sources = Artifacts.read(DIR.resolve("missing-metadata-sources.json"));
        assertThat(sources.get("metadata").has("dbt_schema_version")).isFalse();
        assertThat(sources.get("results").size()).isPositive();
        JsonNode preV1 = Artifacts.read(DIR.resolve("pre-v1-manifest.json"));
        assertThat(preV1.get("metadata").has("dbt_schema_version")).isFalse();
        assertThat(preV1.has("parent_map")).isTrue();
        assertThat(Artifacts.read(DIR.resolve("not-an-artifact.json")).has("metadata")).isFalse();
    }

    private static List<String> locations(String schema, String fixture) {
        return SharedArtifacts.schemaFor(schema).validate(Artifacts.read(DIR.resolve(fixture))).stream()
                .map(m -> m.getInstanceLocation().toString()).toList();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (haystack[i] == needle[0] && haystack[i + 1] == needle[1]) {
                return i;
            }
        }
        return -1;
    }
}
