package dev.dbtlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlCommandTest {
  /** Literal values of every kind the views hold: text, numbers, lists, JSON, timestamps, null. */
  private static final String LITERALS = """
      SELECT 'a,b' AS text, 'say "hi"' AS quoted, 'two' || chr(10) || 'lines' AS multiline,
             42 AS n, 1.5::DOUBLE AS x, ['p', 'q'] AS list, '{"k": [1, {"m": null}]}'::JSON AS js,
             TIMESTAMP '2024-05-06 07:08:00' AS ts, NULL::VARCHAR AS nothing""";

  @TempDir static Path dir;
  static Path db;

  @BeforeAll
  static void ingestSample() {
    db = dir.resolve("sql.duckdb");
    try (DbtLens lens = DbtLens.open(db)) {
      lens.ingest(IngestOptions.defaults(), List.of(Fixtures.sample(dir.resolve("sample"))));
    }
  }

  @Test
  void csvHasAHeaderAndEveryValueInFull() {
    Cli.Result r = Cli.run("sql", "--db", db.toString(), "--format", "csv", LITERALS);

    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo(
        "text,quoted,multiline,n,x,list,js,ts,nothing\r\n"
            + "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",42,1.5,\"[\"\"p\"\",\"\"q\"\"]\","
            + "\"{\"\"k\"\":[1,{\"\"m\"\":null}]}\",2024-05-06T07:08:00,\r\n");
  }

  @Test
  void csvValuesMatchTheJavaApi() {
    long invocations;
    try (DbtLens lens = DbtLens.openReadOnly(db)) {
      invocations = lens.invocations(IngestOptions.DEFAULT_ENVIRONMENT).size();
    }

    Cli.Result r = Cli.run("sql", "--db", db.toString(), "--format", "csv",
        "SELECT environment, count(*) AS invocations FROM invocations GROUP BY ALL");

    assertThat(r.out().lines()).containsExactly("environment,invocations",
        "default," + invocations);
  }

  @Test
  void jsonIsOneObjectPerLineWithNestedJsonArraysAndIsoTimestamps() throws Exception {
    Cli.Result r = Cli.run("sql", "--db", db.toString(), "--format", "json", LITERALS);

    assertThat(r.exit()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode row = new ObjectMapper().readTree(lines.get(0));
    assertThat(row.get("text").asText()).isEqualTo("a,b");
    assertThat(row.get("multiline").asText()).isEqualTo("two\nlines");
    assertThat(row.get("n").isIntegralNumber()).isTrue();
    assertThat(row.get("x").asDouble()).isEqualTo(1.5);
    assertThat(row.get("list").isArray()).isTrue();
    assertThat(row.get("js").isObject()).isTrue();
    assertThat(row.at("/js/k/1/m").isNull()).isTrue();
    assertThat(row.get("ts").asText()).isEqualTo("2024-05-06T07:08:00");
    assertThat(row.get("nothing").isNull()).isTrue();
  }

  @Test
  void jsonLinesOverTheViewsParse() throws Exception {
    Cli.Result r = Cli.run("sql", "--db", db.toString(), "--format", "json",
        "SELECT unique_id, tags, config, fqn, manifest_generated_at FROM nodes LIMIT 5");

    assertThat(r.exit()).isZero();
    ObjectMapper mapper = new ObjectMapper();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(5);
    for (String line : lines) {
      JsonNode row = mapper.readTree(line);
      assertThat(row.get("config").isObject()).as(line).isTrue();
      assertThat(row.get("fqn").isArray()).as(line).isTrue();
      assertThat(row.get("manifest_generated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
    }
  }

  @Test
  void tableHasAHeaderAlignedColumnsAndARowCount() {
    Cli.Result r = Cli.run("sql", "--db", db.toString(),
        "SELECT 'a' AS name, 1 AS n UNION ALL SELECT 'bbbb', 100 ORDER BY n");

    assertThat(r.exit()).isZero();
    assertThat(r.out().lines()).containsExactly(
        "name    n",
        "----  ---",
        "a       1",
        "bbbb  100",
        "(2 rows)");
  }

  @Test
  void tableNeverCutsIdentifiersAndKeepsRowsOnOneLine() {
    // the longest unique id of the sample (130 characters; jq '.nodes | keys' over 005-run/manifest.json)
    String id = "test.shop.relationships_int_products_deduplicated_subscription_id__subscription_id"
        + "__ref_int_subscriptions_deduplicated_.3aca644ff6";
    Cli.Result r = Cli.run("sql", "--db", db.toString(),
        "SELECT unique_id, 'a' || chr(10) || 'b' AS multi FROM nodes WHERE unique_id = '" + id + "'");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines()).containsExactly(
        "unique_id" + " ".repeat(id.length() - 9) + "  multi",
        "-".repeat(id.length()) + "  -----",
        id + "  a\\nb",
        "(1 row)");
  }

  @Test
  void tableWrapsLongTextAtMaxWidthInsteadOfCuttingIt() {
    Cli.Result narrow = Cli.run("sql", "--db", db.toString(), "--max-width", "12",
        "SELECT 'the quick brown fox jumps' AS text, 1 AS n");
    Cli.Result wide = Cli.run("sql", "--db", db.toString(), "--max-width", "0",
        "SELECT repeat('word ', 30) AS text");

    assertThat(narrow.out().lines()).containsExactly(
        "text          n",
        "------------  -",
        "the quick     1",
        "brown fox",
        "jumps",
        "(1 row)");
    assertThat(wide.out().lines().toList().get(2)).isEqualTo("word ".repeat(30));
  }

  @Test
  void tablePrintsDoublesInPlainNotationWithSixDecimals() {
    Cli.Result r = Cli.run("sql", "--db", db.toString(), "SELECT 0.0001::DOUBLE AS small,"
        + " 1e20::DOUBLE AS big, 3.5217950344085693::DOUBLE AS t, 42::DOUBLE AS whole,"
        + " 0.000000123456789::DOUBLE AS tiny, -2.5e-3::DOUBLE AS neg");

    assertThat(r.out().lines().toList().get(2).trim().split("\\s+")).containsExactly(
        "0.0001", "100000000000000000000.0", "3.521795", "42.0", "0.000000123457", "-0.0025");
  }

  @Test
  void csvPrintsDoublesInPlainNotationInFull() {
    Cli.Result r = Cli.run("sql", "--db", db.toString(), "--format", "csv",
        "SELECT 0.0001::DOUBLE AS small, 3.5217950344085693::DOUBLE AS t");

    assertThat(r.out().lines()).containsExactly("small,t", "0.0001,3.5217950344085693");
  }

  @Test
  void theQueryComesFromAFile(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("q.sql");
    Files.writeString(file, "-- invocations of the sample\nSELECT count(*) AS n\nFROM invocations;\n");

    Cli.Result r = Cli.run("sql", "--db", db.toString(), "--format", "csv", "-f", file.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines()).containsExactly("n", "5");
  }

  @Test
  void theQueryComesFromStdinForADash() {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("SELECT 40 + 2 AS answer".getBytes(StandardCharsets.UTF_8)));
      Cli.Result r = Cli.run("sql", "--db", db.toString(), "--format", "csv", "-");
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out().lines()).containsExactly("answer", "42");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void aQueryAndAFileTogetherAreAUsageError(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("q.sql"), "SELECT 1");
    Cli.Result both = Cli.run("sql", "--db", db.toString(), "-f", file.toString(), "SELECT 2");
    Cli.Result none = Cli.run("sql", "--db", db.toString());

    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("either a QUERY or -f FILE, not both");
    assertThat(none.exit()).isEqualTo(2);
  }

  @Test
  void envSetsTheVariableEnvForViews() {
    Cli.Result r = Cli.run("sql", "--db", db.toString(), "--format", "csv", "--env", "default",
        "SELECT getvariable('env') AS env, count(*) AS invocations FROM invocations WHERE environment = getvariable('env')");
    Cli.Result unset = Cli.run("sql", "--db", db.toString(), "--format", "csv", "SELECT getvariable('env') AS env");

    assertThat(r.out().lines()).containsExactly("env,invocations", "default,5");
    assertThat(unset.out().lines()).containsExactly("env", "default");
  }

  @Test
  void anEnvTheDatabaseLacksListsItsEnvironments() {
    Cli.Result r = Cli.run("sql", "--db", db.toString(), "--env", "Default", "SELECT 1");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines().get(0)).isEqualTo("error: Environment 'Default' not found: the database has one"
        + " environment, default. Names are case-sensitive: did you mean 'default'?");
  }

  @Test
  void aSyntaxErrorIsAUsageError() {
    Cli.Result r = Cli.run("sql", "--db", db.toString(), "SELEC 1");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: Parser Error").doesNotContain("\tat ");
  }

  @Test
  void aFailedQueryExitsOneWithAStackTraceOnlyWhenVerbose() {
    Cli.Result quiet = Cli.run("sql", "--db", db.toString(), "SELECT * FROM no_such_view");
    Cli.Result verbose = Cli.run("sql", "--db", db.toString(), "--verbose",
        "SELECT * FROM no_such_view");

    assertThat(quiet.exit()).isEqualTo(1);
    assertThat(quiet.err()).startsWith("error: Catalog Error").doesNotContain("\tat ");
    assertThat(verbose.exit()).isEqualTo(1);
    assertThat(verbose.err()).contains("\tat ");
  }

  @Test
  void theDatabaseIsReadOnly() {
    Cli.Result r = Cli.run("sql", "--db", db.toString(), "CREATE TABLE t (i INTEGER)");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("read-only");
  }
}
