package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir Path dir;

  @Test
  void writesOneFolderPerInvocationReadyToIngest() {
    Path out = dir.resolve("generated");

    Cli.Result r = Cli.run("generate", "--models", "20", "--invocations", "2", "--seed", "7",
        "--out", out.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Wrote ").contains("for 2 invocations", "20 models");
    assertThat(Fixtures.invocationFolders(out)).hasSize(2);
    assertThat(out.resolve("001-build").resolve("manifest.json")).isRegularFile();
  }

  @Test
  void optionsOutOfRangeAreUsageErrors() {
    Cli.Result r = Cli.run("generate", "--models", "5", "--out", dir.resolve("x").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: models must be between");
  }
}
