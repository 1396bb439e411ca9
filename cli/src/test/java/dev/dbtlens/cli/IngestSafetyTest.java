package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ingest refuses before it writes, and what it promises when it says "Added". */
class IngestSafetyTest {
  @TempDir Path dir;

  @Test
  void aJsonOrCsvFileGivenAsTheDatabaseIsRefusedWithExit2AndLeftUntouched() throws Exception {
    Path folder = Fixtures.invocationFolders(Fixtures.sample(dir.resolve("sample"))).get(0);
    Path json = Files.writeString(dir.resolve("m.json"), "{\"a\": 1}\n");
    Path csv = Files.writeString(dir.resolve("b.csv"), "a,b\n1,2\n");
    for (Path db : new Path[] {json, csv}) {
      String before = Files.readString(db);

      Cli.Result ingest = Cli.run("ingest", "--db", db.toString(), folder.toString());
      Cli.Result sql = Cli.run("sql", "--db", db.toString(), "SELECT 1");

      assertThat(ingest.exit()).isEqualTo(2);
      assertThat(ingest.out()).doesNotContain("Added");
      assertThat(ingest.errLines()).first().asString()
          .isEqualTo("error: Cannot open " + db + ": not a DuckDB database (a DuckDB file carries \"DUCK\""
              + " at byte 8); give a new file name or an existing dbtlens database");
      assertThat(sql.exit()).isEqualTo(2);
      assertThat(sql.err()).contains("Cannot open " + db + ": not a DuckDB database");
      assertThat(Files.readString(db)).isEqualTo(before);
    }
  }
}
