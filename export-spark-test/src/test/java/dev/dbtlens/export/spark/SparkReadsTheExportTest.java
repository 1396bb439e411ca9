package dev.dbtlens.export.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.DbtLens;
import dev.dbtlens.export.ExportResult;
import dev.dbtlens.export.ParquetExport;
import dev.dbtlens.export.ViewExport;
import dev.dbtlens.testdata.Samples;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Spark in local mode reads a two-step export of the shop sample (the second export only
 * appends) and gets the counts and aggregates of the DuckDB views: every view's row count, and
 * run_results, nodes and source_freshness aggregates, with the hive partitions as columns.
 */
class SparkReadsTheExportTest {
  @TempDir static Path tmp;
  static SparkSession spark;
  static DbtLens lens;
  static Path out;
  static ExportResult last;

  @BeforeAll
  static void exportAndStartSpark() {
    Path shop = Samples.extractShopSample(tmp.resolve("sample"));
    out = tmp.resolve("export");
    lens = DbtLens.inMemory();
    lens.ingest(shop.resolve("001-build"), shop.resolve("002-source-freshness"), shop.resolve("003-build"));
    ParquetExport.export(lens, out);
    lens.ingest(shop.resolve("004-test"), shop.resolve("005-run"));
    last = ParquetExport.export(lens, out);
    spark = SparkSession.builder()
        .appName("dbtlens-export-test")
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.codegen.wholeStage", "false") // small queries: compiling them costs more than it saves
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", tmp.resolve("warehouse").toString())
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (lens != null) {
      lens.close();
    }
  }

  @Test
  void everyViewHasTheSameRowCountInSpark() throws SQLException {
    assertThat(last.views()).extracting(ViewExport::name)
        .contains("run_results", "nodes", "edges", "invocations", "source_freshness", "manifest_nodes");
    List<String> checked = new ArrayList<>();
    for (ViewExport v : last.views()) {
      long duck = duck("SELECT count(*) FROM \"" + v.name() + "\"").get(0).get(0) instanceof Number n ? n.longValue() : -1;
      if (duck == 0) {
        continue; // an empty view has no folder
      }
      long inSpark = spark.read().parquet(out.resolve(v.name()).toString()).count();
      assertThat(inSpark).as(v.name()).isEqualTo(duck);
      checked.add(v.name());
    }
    assertThat(checked).contains("run_results", "nodes", "edges", "invocations", "source_freshness");
  }

  @Test
  void runResultAggregatesMatchTheDuckDbView() throws SQLException {
    spark.read().parquet(out.resolve("run_results").toString()).createOrReplaceTempView("run_results");
    String q = "SELECT environment, CAST(date AS STRING) AS d, status, count(*) AS n,"
        + " count(DISTINCT invocation_id) AS invocations, round(sum(execution_time), 3) AS seconds"
        + " FROM run_results GROUP BY ALL ORDER BY ALL";
    List<String> fromSpark = new ArrayList<>();
    for (Row r : spark.sql(q).collectAsList()) {
      fromSpark.add(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getLong(3) + "|"
          + r.getLong(4) + "|" + String.format("%.3f", r.getDouble(5)));
    }
    List<String> fromDuck = new ArrayList<>();
    for (List<Object> r : duck("SELECT environment, CAST(CAST(generated_at AS DATE) AS VARCHAR),"
        + " status, count(*), count(DISTINCT invocation_id), round(sum(execution_time), 3)"
        + " FROM run_results GROUP BY ALL ORDER BY ALL")) {
      fromDuck.add(r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3) + "|" + r.get(4) + "|"
          + String.format("%.3f", ((Number) r.get(5)).doubleValue()));
    }
    assertThat(fromSpark).isEqualTo(fromDuck);
    // jq over the sample's four run_results.json files: 164 + 164 + 110 + 30 results, all on 2026-01-05
    assertThat(spark.sql("SELECT count(*) FROM run_results WHERE date = DATE'2026-01-05'").first().getLong(0))
        .isEqualTo(468);
  }

  @Test
  void nodeAndFreshnessAggregatesMatchTheDuckDbViews() throws SQLException {
    spark.read().parquet(out.resolve("nodes").toString()).createOrReplaceTempView("nodes");
    Map<String, Long> sparkTypes = new TreeMap<>();
    for (Row r : spark.sql("SELECT resource_type, count(*) FROM nodes GROUP BY 1").collectAsList()) {
      sparkTypes.put(r.getString(0), r.getLong(1));
    }
    Map<String, Long> duckTypes = new TreeMap<>();
    for (List<Object> r : duck("SELECT resource_type, count(*) FROM nodes GROUP BY 1")) {
      duckTypes.put((String) r.get(0), ((Number) r.get(1)).longValue());
    }
    assertThat(sparkTypes).isEqualTo(duckTypes).containsEntry("model", 50L).containsEntry("source", 16L);

    spark.read().parquet(out.resolve("source_freshness").toString()).createOrReplaceTempView("source_freshness");
    Row f = spark.sql("SELECT count(*), count(DISTINCT unique_id), max(max_loaded_at_time_ago_in_s)"
        + " FROM source_freshness").first();
    List<Object> d = duck("SELECT count(*), count(DISTINCT unique_id), max(max_loaded_at_time_ago_in_s)"
        + " FROM source_freshness").get(0);
    assertThat(f.getLong(0)).isEqualTo(((Number) d.get(0)).longValue()).isEqualTo(12);
    assertThat(f.getLong(1)).isEqualTo(((Number) d.get(1)).longValue());
    assertThat(f.getDouble(2)).isEqualTo(((Number) d.get(2)).doubleValue());
  }

  private static List<List<Object>> duck(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = lens.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
