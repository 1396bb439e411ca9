package dev.dbtlens.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

    @Test
    void defaultsAreTheSample() {
        assertThat(ProjectGenerator.Options.defaults()).isEqualTo(new ProjectGenerator.Options(50, 5, 42L));
    }

    @Test
    void outOfRangeValuesAreRejectedWithClearMessages() {
        assertThatThrownBy(() -> new ProjectGenerator.Options(5, 3, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("models must be between 20 and 1000000, got 5");
        assertThatThrownBy(() -> new ProjectGenerator.Options(50, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invocations must be between 1 and 100000, got 0");
    }

    @Test
    void refusesANonEmptyOutputDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("keep.txt"), "x");
        assertThatThrownBy(() -> ProjectGenerator.generate(ProjectGenerator.Options.defaults(), dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output directory is not empty");
    }

    @Test
    void smallestProjectAndSingleInvocationWork(@TempDir Path dir) {
        GenerationSummary s = ProjectGenerator.generate(new ProjectGenerator.Options(20, 1, -3L), dir.resolve("out"));
        assertThat(s.models()).isEqualTo(20);
        assertThat(s.invocations()).isEqualTo(1);
        assertThat(s.filesWritten()).isEqualTo(4);
        ManifestChecks.assertGraphConsistent(Artifacts.read(dir.resolve("out/001-build/manifest.json")), "20 models");
    }
}
