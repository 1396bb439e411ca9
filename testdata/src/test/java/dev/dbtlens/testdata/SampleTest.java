package dev.dbtlens.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed sample in {@code testdata/sample/shop}: valid, reproducible from its documented command, and
 * exactly as described in {@code testdata/sample/README.md} (the values below are the README's).
 */
class SampleTest {
    static final Path SAMPLE = Path.of("sample/shop");
    static final String BREAKING = "model.shop.int_organizations_unioned";
    static final String BROKEN_TEST =
            "test.shop.relationships_fct_orders_order_item_id__order_item_id__ref_int_order_items_scored_.58dc109c9e";
    static final String WARN_TEST =
            "test.shop.accepted_values_stg_shopify__orders_status__placed__shipped__completed__returned.1698e980c2";

    @Test
    void everyFileValidatesAgainstTheOfficialSchema() {
        List<Path> files = Artifacts.files(SAMPLE);
        assertThat(files).hasSize(12);
        for (Path file : files) {
            List<String> errors = SharedArtifacts.validate(file.getFileName().toString(), Artifacts.read(file), 10);
            assertThat(errors).as(file.toString()).isEmpty();
        }
    }

    @Test
    void isReproducedByteForByteByTheDocumentedCommand(@TempDir Path tmp) throws IOException {
        GenerationSummary s = ProjectGenerator.generate(new ProjectGenerator.Options(50, 5, 42), tmp.resolve("shop"));
        assertThat(s).isEqualTo(new GenerationSummary(50, 111, 16, 4, 2, 3, 5, 13, s.totalBytes()));
        List<String> committed = listFiles(SAMPLE);
        assertThat(listFiles(tmp.resolve("shop"))).isEqualTo(committed);
        for (String f : committed) {
            assertThat(Files.mismatch(SAMPLE.resolve(f), tmp.resolve("shop").resolve(f))).as(f).isEqualTo(-1L);
        }
        assertThat(s.totalBytes()).isLessThan(5_000_000L);
    }

    @Test
    void indexListsEveryFile() throws IOException {
        List<String> files = listFiles(SAMPLE);
        files.remove("index.txt");
        assertThat(Files.readAllLines(SAMPLE.resolve("index.txt"))).isEqualTo(files);
    }

    @Test
    void invocationsAreAsDocumented() {
        assertInvocation("001-build", "1d7b3296-40af-4787-8188-f3c08959b7ec", "build", "2026-01-05T06:02:30.358898Z",
                Map.of("success", 54, "pass", 109, "warn", 1));
        assertInvocation("003-build", "5c591fe3-0e21-4e2f-bee4-cb7d8dfa5063", "build", "2026-01-05T08:01:58.191875Z",
                Map.of("success", 48, "pass", 92, "warn", 1, "fail", 1, "error", 1, "skipped", 21));
        assertInvocation("004-test", "417d399f-2653-4373-827c-e266e574f70c", "test", "2026-01-05T09:01:04.392498Z",
                Map.of("pass", 108, "warn", 1, "fail", 1));
        assertInvocation("005-run", "6a24778b-c1b6-4dda-91b8-845217a6c4b8", "run", "2026-01-05T10:02:07.556710Z",
                Map.of("success", 30));
        JsonNode sources = Artifacts.read(SAMPLE.resolve("002-source-freshness/sources.json"));
        assertThat(sources.at("/metadata/invocation_id").asText()).isEqualTo("c57b46a2-72fe-4b3c-b27d-034f501845b6");
        assertThat(sources.at("/metadata/generated_at").asText()).isEqualTo("2026-01-05T07:01:13.238265Z");
        assertThat(countBy(sources.get("results"), "status"))
                .isEqualTo(Map.of("pass", 8, "warn", 2, "error", 1, "runtime error", 1));
        assertThat(statusOf(sources.get("results"), "source.shop.stripe.subscriptions")).isEqualTo("runtime error");
        assertThat(statusOf(sources.get("results"), "source.shop.stripe.invoices")).isEqualTo("error");
        assertThat(statusOf(sources.get("results"), "source.shop.shopify.order_items")).isEqualTo("warn");
        assertThat(statusOf(sources.get("results"), "source.shop.stripe.payments")).isEqualTo("warn");
    }

    @Test
    void storyNodesBehaveAsDocumented() {
        JsonNode build1 = results("001-build");
        JsonNode build3 = results("003-build");
        JsonNode test4 = results("004-test");
        JsonNode run5 = results("005-run");
        assertThat(statusOf(build1, BREAKING)).isEqualTo("success");
        assertThat(statusOf(build3, BREAKING)).isEqualTo("error");
        assertThat(statusOf(run5, BREAKING)).isEqualTo("success");
        assertThat(statusOf(build3, BROKEN_TEST)).isEqualTo("fail");
        assertThat(statusOf(test4, BROKEN_TEST)).isEqualTo("fail");
        assertThat(statusOf(build1, WARN_TEST)).isEqualTo("warn");
        List<String> skippedModels = new ArrayList<>();
        build3.forEach(r -> {
            if (r.get("status").asText().equals("skipped") && r.get("unique_id").asText().startsWith("model.")) {
                skippedModels.add(r.get("unique_id").asText());
            }
        });
        assertThat(skippedModels).containsExactlyInAnyOrder("model.shop.dim_customers.v1",
                "model.shop.dim_customers.v2", "model.shop.dim_suppliers", "model.shop.fct_events",
                "model.shop.fct_order_items");
        List<String> checksums = new ArrayList<>();
        for (String inv : List.of("001-build", "002-source-freshness", "003-build", "004-test", "005-run")) {
            checksums.add(manifest(inv).at("/nodes/" + BREAKING + "/checksum/checksum").asText());
        }
        assertThat(checksums.get(0)).isEqualTo(checksums.get(1)).isNotEqualTo(checksums.get(2));
        assertThat(checksums.get(2)).isEqualTo(checksums.get(3)).isNotEqualTo(checksums.get(4));
        assertThat(manifest("004-test").get("nodes").has("model.shop.fct_shipments")).isFalse();
        assertThat(manifest("005-run").get("nodes").has("model.shop.fct_shipments")).isTrue();
        assertThat(statusOf(run5, "model.shop.fct_shipments")).isEqualTo("success");
    }

    @Test
    void testInvocationManifestHasNoCompiledModelCode() {
        manifest("004-test").get("nodes").forEach(n -> {
            if (n.get("resource_type").asText().equals("model")) {
                assertThat(n.has("compiled_code")).as(n.get("unique_id").asText()).isFalse();
            }
        });
    }

    @Test
    void manifestsAreConsistentAndShapedLikeRealOnes() {
        for (Path inv : Artifacts.invocations(SAMPLE)) {
            ManifestChecks.assertGraphConsistent(Artifacts.read(inv.resolve("manifest.json")), inv.toString());
        }
        DagStats stats = DagStats.of(manifest("005-run"));
        assertThat(stats.testsPerModel()).isBetween(1.5, 3.0);
        assertThat(stats.maxDepth()).isBetween(4, 8);
    }

    @Test
    void bundledSampleExtractsFromTheClasspath(@TempDir Path tmp) throws IOException {
        Path shop = Samples.extractShopSample(tmp);
        assertThat(shop).isEqualTo(tmp.resolve("shop"));
        for (String f : Samples.shopFiles()) {
            assertThat(Files.mismatch(shop.resolve(f), SAMPLE.resolve(f))).as(f).isEqualTo(-1L);
        }
        assertThat(Samples.shopFiles()).hasSize(12).contains("005-run/run_results.json");
        assertThat(Samples.extractShopSample(tmp)).isEqualTo(shop);
    }

    private static void assertInvocation(String folder, String invocationId, String which, String generatedAt,
                                         Map<String, Integer> statuses) {
        JsonNode rr = Artifacts.read(SAMPLE.resolve(folder + "/run_results.json"));
        assertThat(rr.at("/metadata/invocation_id").asText()).as(folder).isEqualTo(invocationId);
        assertThat(manifest(folder).at("/metadata/invocation_id").asText()).as(folder).isEqualTo(invocationId);
        assertThat(rr.at("/args/which").asText()).as(folder).isEqualTo(which);
        assertThat(rr.at("/metadata/generated_at").asText()).as(folder).isEqualTo(generatedAt);
        assertThat(countBy(rr.get("results"), "status")).as(folder).isEqualTo(statuses);
    }

    private static JsonNode manifest(String folder) {
        return Artifacts.read(SAMPLE.resolve(folder + "/manifest.json"));
    }

    private static JsonNode results(String folder) {
        return Artifacts.read(SAMPLE.resolve(folder + "/run_results.json")).get("results");
    }

    private static Map<String, Integer> countBy(JsonNode array, String field) {
        Map<String, Integer> out = new TreeMap<>();
        array.forEach(n -> out.merge(n.get(field).asText(), 1, Integer::sum));
        return out;
    }

    private static String statusOf(JsonNode results, String uniqueId) {
        for (JsonNode r : results) {
            if (r.get("unique_id").asText().equals(uniqueId)) {
                return r.get("status").asText();
            }
        }
        return null;
    }

    private static List<String> listFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList());
        }
    }
}
