package dev.dbtlens.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated 60-model project over 3 invocations: schema-valid, deterministic, internally consistent. */
class GeneratedOutputTest {
    private static final ProjectGenerator.Options OPTIONS = new ProjectGenerator.Options(60, 3, 7L);

    @TempDir
    static Path dir;
    static Path out;
    static GenerationSummary summary;

    @BeforeAll
    static void generate() {
        out = dir.resolve("first");
        summary = ProjectGenerator.generate(OPTIONS, out);
    }

    @Test
    void everyFileValidatesAgainstTheOfficialSchema() {
        List<Path> files = Artifacts.files(out);
        assertThat(files).hasSize(8);
        for (Path file : files) {
            List<String> errors = SharedArtifacts.validate(file.getFileName().toString(), Artifacts.read(file), 10);
            assertThat(errors).as(out.relativize(file).toString()).isEmpty();
        }
    }

    @Test
    void validatorRejectsWhatDbtWouldNotWrite() {
        JsonNode manifest = Artifacts.read(out.resolve("001-build/manifest.json"));
        String model = Artifacts.fieldNames(manifest.get("nodes")).get(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("nodes").get(model)).put("not_a_dbt_field", 1);
        assertThat(SharedArtifacts.validate("manifest.json", manifest, 5)).isNotEmpty();
    }

    @Test
    void sameOptionsGiveByteIdenticalOutput() throws IOException {
        Path again = dir.resolve("second");
        GenerationSummary second = ProjectGenerator.generate(OPTIONS, again);
        assertThat(second).isEqualTo(summary);
        List<String> index = Files.readAllLines(out.resolve("index.txt"));
        assertThat(Files.readAllLines(again.resolve("index.txt"))).isEqualTo(index);
        for (String file : index) {
            assertThat(Files.mismatch(out.resolve(file), again.resolve(file))).as(file).isEqualTo(-1L);
        }
    }

    @Test
    void layoutFollowsTheCommandSchedule() throws IOException {
        assertThat(Artifacts.invocations(out)).extracting(p -> p.getFileName().toString())
                .containsExactly("001-build", "002-source-freshness", "003-build");
        assertThat(Files.readAllLines(out.resolve("index.txt"))).containsExactly(
                "001-build/catalog.json", "001-build/manifest.json", "001-build/run_results.json",
                "002-source-freshness/manifest.json", "002-source-freshness/sources.json",
                "003-build/catalog.json", "003-build/manifest.json", "003-build/run_results.json");
    }

    @Test
    void summaryCountsMatchTheLastManifest() throws IOException {
        JsonNode manifest = Artifacts.read(out.resolve("003-build/manifest.json"));
        Map<String, Integer> byType = new TreeMap<>();
        manifest.get("nodes").forEach(n -> byType.merge(n.get("resource_type").asText(), 1, Integer::sum));
        assertThat(summary.models()).isEqualTo(60).isEqualTo(byType.get("model"));
        assertThat(summary.tests()).isEqualTo(byType.get("test"));
        assertThat(summary.seeds()).isEqualTo(byType.get("seed"));
        assertThat(summary.snapshots()).isEqualTo(byType.get("snapshot"));
        assertThat(summary.sources()).isEqualTo(manifest.get("sources").size());
        assertThat(summary.exposures()).isEqualTo(manifest.get("exposures").size());
        assertThat(summary.invocations()).isEqualTo(3);
        assertThat(summary.filesWritten()).isEqualTo(9);
        long bytes = Files.size(out.resolve("index.txt"));
        for (Path f : Artifacts.files(out)) {
            bytes += Files.size(f);
        }
        assertThat(summary.totalBytes()).isEqualTo(bytes);
    }

    @Test
    void parentMapMatchesDependsOnAndChildMapIsItsInverse() {
        for (Path inv : Artifacts.invocations(out)) {
            ManifestChecks.assertGraphConsistent(Artifacts.read(inv.resolve("manifest.json")), inv.toString());
        }
    }

    @Test
    void lateModelAppearsInALaterInvocationAndTheBreakingModelChangesChecksum() {
        JsonNode first = Artifacts.read(out.resolve("001-build/manifest.json")).get("nodes");
        JsonNode third = Artifacts.read(out.resolve("003-build/manifest.json")).get("nodes");
        Set<String> added = new TreeSet<>(Artifacts.fieldNames(third));
        added.removeAll(Artifacts.fieldNames(first));
        assertThat(added).anyMatch(id -> id.startsWith("model."));
        List<String> changed = new ArrayList<>();
        for (String id : Artifacts.fieldNames(first)) {
            JsonNode before = first.get(id).get("checksum");
            if (id.startsWith("model.") && !before.equals(third.get(id).get("checksum"))) {
                changed.add(id);
            }
        }
        assertThat(changed).hasSize(1);
        JsonNode results = Artifacts.read(out.resolve("003-build/run_results.json")).get("results");
        Set<String> errored = new HashSet<>();
        results.forEach(r -> {
            if (r.get("status").asText().equals("error")) {
                errored.add(r.get("unique_id").asText());
            }
        });
        assertThat(errored).containsExactlyElementsOf(changed);
    }

    @Test
    void dagShapeIsCloseToRealProjects() {
        JsonNode manifest = Artifacts.read(out.resolve("003-build/manifest.json"));
        DagStats stats = DagStats.of(manifest);
        assertThat(stats.testsPerModel()).isBetween(1.5, 3.0);
        assertThat(stats.columnsPerModel()).isBetween(5.0, 15.0);
        assertThat(stats.fanIn()).isBetween(1.0, 4.0);
        assertThat(stats.maxDepth()).isBetween(4, 8);
        assertThat(stats.modelBytes()).isBetween(2_000.0, 10_000.0);
    }
}
