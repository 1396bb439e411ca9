package dev.dbtlens.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbtlens.DbtLens;
import dev.dbtlens.DbtLensException;
import dev.dbtlens.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the HTML report of one environment: a single file that opens from disk with no network.
 * ECharts and dagre are inlined from their WebJars; the data (the latest manifest's nodes, columns,
 * code and edges, the last {@value #HISTORY} results of each node, the timelines of the last {@value
 * #TIMELINES} invocations, source freshness over time) is embedded as gzip-compressed JSON that the
 * page inflates with the browser's {@code DecompressionStream}. Pages are rendered when opened, lists
 * in pages of rows, and the lineage graph lays out only the selected nodes. The critical path of each
 * embedded build run, the recommendations' summary and the latest {@value #ALERTS} alerts come from
 * core's Java API ({@link DbtLens#performance}, {@link DbtLens#recommendations}, {@link
 * DbtLens#alerts}).
 */
public final class HtmlReport {
  /** Results kept per node (execution-time trend, test history). */
  public static final int HISTORY = 30;
  /** Invocations whose run timeline (Gantt by thread) is embedded. */
  public static final int TIMELINES = 20;
  /** Characters of a node's code kept. */
  public static final int MAX_CODE = 20_000;
  /** Alerts embedded, the newest first. */
  public static final int ALERTS = 100;
  /** Rules listed in the recommendations' summary, the most violated first. */
  public static final int TOP_RULES = 10;

  static final Set<String> NOT_IN_LINEAGE = Set.of("test", "unit_test", "group");
  private static final ObjectMapper JSON = new ObjectMapper();

  private HtmlReport() {}

  /**
   * Writes the report of an environment to {@code out}.
   *
   * @param lens an open database (read-only is enough)
   * @param environment the environment; null for the database's only one
   * @param out the HTML file to write (replaced)
   * @return what was written
   * @throws NotFoundException if the environment does not exist
   * @throws DbtLensException if the database has several environments and none was given
   */
  public static ReportSummary write(DbtLens lens, String environment, Path out) {
    Objects.requireNonNull(lens, "lens");
    Objects.requireNonNull(out, "out");
    String env = environment;
    if (env == null) {
      List<String> envs = lens.environments();
      if (envs.size() != 1) {
        throw new DbtLensException(envs.isEmpty() ? "the database holds no environment: ingest artifacts first"
            : "the database holds " + envs.size() + " environments " + envs + ": choose one");
      }
      env = envs.get(0);
    }
    lens.requireEnvironment(env);
    ObjectNode data;
    try (Connection c = lens.connection()) {
      data = new Collector(c, env).collect();
    } catch (SQLException e) {
      throw new DbtLensException("cannot read the report's data for environment " + env + ": " + e.getMessage(), e);
    }
    Sections.add(lens, env, data);
    byte[] packed = gzip(data);
    String html = page(env, Base64.getEncoder().encodeToString(packed));
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, html, StandardCharsets.UTF_8);
      return new ReportSummary(out, env, data.path("n").size(), data.path("meta").path("lineageNodes").asInt(),
          data.path("inv").size(), packed.length, Files.size(out));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + out, e);
    }
  }

  private static byte[] gzip(ObjectNode data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      JSON.writeValue(gz, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String page(String env, String data) {
    String template = resource("report.html");
    return template
        .replace("{{TITLE}}", escapeHtml("dbtlens report: " + env))
        .replace("/*{{STYLE}}*/", resource("report.css"))
        .replace("/*{{ECHARTS}}*/", script(resource("assets/echarts/echarts.min.js")))
        .replace("/*{{DAGRE}}*/", script(resource("assets/dagre/dagre.min.js")))
        .replace("/*{{APP}}*/", script(resource("report.js")))
        .replace("{{DATA}}", data);
  }

  /** Script text safe inside a {@code <script>} element. */
  private static String script(String js) {
    return js.replace("</script", "<\\/script").replace("<!--", "<\\!--");
  }

  private static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("dbtlens-report is missing its resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the report's data from the public views. */
  private static final class Collector {
    private final Connection c;
    private final String env;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> statuses = new LinkedHashMap<>();
    private final Map<String, Integer> invocations = new HashMap<>();
    private final Map<String, Integer> threads = new LinkedHashMap<>();

    Collector(Connection c, String env) {
      this.c = c;
      this.env = env;
    }

    ObjectNode collect() throws SQLException {
      ObjectNode d = JSON.createObjectNode();
      ObjectNode meta = d.putObject("meta");
      meta.put("environment", env);
      meta.put("reportedAt", Instant.now().toString());
      ArrayNode n = d.putArray("n");
      ArrayNode code = d.putArray("code");
      int lineage = 0;
      try (ResultSet rs = query("SELECT unique_id, resource_type, name, package_name, materialized,"
          + " original_file_path, tags, description, raw_code, attached_node, database, schema, alias,"
          + " manifest_generated_at FROM nodes WHERE environment = ? ORDER BY resource_type, unique_id")) {
        while (rs.next()) {
          String uid = rs.getString(1);
          index.put(uid, n.size());
          ArrayNode row = n.addArray();
          row.add(uid).add(rs.getString(2)).add(rs.getString(3)).add(rs.getString(4)).add(nz(rs.getString(5)))
              .add(nz(rs.getString(6)));
          ArrayNode tags = JSON.createArrayNode();
          Array a = rs.getArray(7);
          if (a != null) {
            for (Object t : (Object[]) a.getArray()) {
              tags.add(String.valueOf(t));
            }
          }
          row.add(tags).add(nz(rs.getString(8)));
          row.addNull(); // filled below: attached node index of a test
          row.add(String.join(".", nz(rs.getString(11)), nz(rs.getString(12)),
              nz(rs.getString(13) == null ? rs.getString(3) : rs.getString(13))));
          String raw = nz(rs.getString(9));
          code.add(raw.length() > MAX_CODE ? raw.substring(0, MAX_CODE) + "\n-- … cut at " + MAX_CODE + " characters" : raw);
          if (!NOT_IN_LINEAGE.contains(rs.getString(2))) {
            lineage++;
          }
          if (rs.getString(10) != null) {
            row.set(8, JSON.getNodeFactory().textNode(rs.getString(10)));
          }
          meta.put("manifestGeneratedAt", String.valueOf(rs.getTimestamp(14)));
        }
      }
      meta.put("lineageNodes", lineage);
      for (int i = 0; i < n.size(); i++) { // a test's attached node, as an index
        ArrayNode row = (ArrayNode) n.get(i);
        Integer at = row.get(8).isTextual() ? index.get(row.get(8).asText()) : null;
        row.set(8, at == null ? JSON.getNodeFactory().nullNode() : JSON.getNodeFactory().numberNode(at));
      }
      try (ResultSet rs = query("SELECT project_name, dbt_version, adapter_type FROM invocations"
          + " WHERE environment = ? AND project_name IS NOT NULL ORDER BY generated_at DESC LIMIT 1")) {
        if (rs.next()) {
          meta.put("project", rs.getString(1)).put("dbtVersion", rs.getString(2)).put("adapter", rs.getString(3));
        }
      }

      ArrayNode edges = d.putArray("e");
      try (ResultSet rs = query("SELECT parent_id, child_id FROM edges WHERE environment = ?")) {
        while (rs.next()) {
          Integer p = index.get(rs.getString(1));
          Integer ch = index.get(rs.getString(2));
          if (p != null && ch != null) {
            edges.add(p).add(ch);
          }
        }
      }

      ObjectNode cols = d.putObject("cols");
      try (ResultSet rs = query("SELECT unique_id, column_name, data_type, description FROM columns"
          + " WHERE environment = ? UNION ALL SELECT cc.unique_id, cc.column_name, cc.data_type, cc.comment"
          + " FROM catalog_columns cc WHERE cc.environment = ? AND NOT EXISTS (SELECT 1 FROM columns c"
          + " WHERE c.environment = cc.environment AND c.unique_id = cc.unique_id) ORDER BY 1", env)) {
        while (rs.next()) {
          Integer i = index.get(rs.getString(1));
          if (i != null) {
            ArrayNode list = cols.has(i.toString()) ? (ArrayNode) cols.get(i.toString()) : cols.putArray(i.toString());
            list.addArray().add(rs.getString(2)).add(nz(rs.getString(3))).add(nz(rs.getString(4)));
          }
        }
      }

      ArrayNode inv = d.putArray("inv");
      try (ResultSet rs = query("SELECT invocation_id, command, epoch_ms(generated_at), elapsed_time,"
          + " epoch_ms(invocation_started_at), has_run_results, has_sources FROM invocations"
          + " WHERE environment = ? ORDER BY generated_at, invocation_id")) {
        while (rs.next()) {
          invocations.put(rs.getString(1), inv.size());
          inv.addArray().add(rs.getString(1)).add(nz(rs.getString(2))).add(rs.getLong(3))
              .add(rs.getDouble(4)).add(rs.getLong(5)).add(rs.getBoolean(6)).add(rs.getBoolean(7));
        }
      }

      // the last HISTORY results of each node: [invocation, status, execution_time, generated_ms, message]
      ObjectNode hist = d.putObject("h");
      try (ResultSet rs = query("SELECT unique_id, invocation_id, status, execution_time, epoch_ms(generated_at),"
          + " message FROM (SELECT *, row_number() OVER (PARTITION BY unique_id ORDER BY generated_at DESC,"
          + " invocation_id DESC) AS rn FROM run_results WHERE environment = ?) WHERE rn <= " + HISTORY
          + " ORDER BY unique_id, generated_at, invocation_id")) {
        while (rs.next()) {
          Integer i = index.get(rs.getString(1));
          Integer v = invocations.get(rs.getString(2));
          if (i == null || v == null) {
            continue;
          }
          ArrayNode list = hist.has(i.toString()) ? (ArrayNode) hist.get(i.toString()) : hist.putArray(i.toString());
          String status = rs.getString(3);
          ArrayNode row = list.addArray().add(v).add(status(status)).add(rs.getDouble(4)).add(rs.getLong(5));
          String msg = rs.getString(6);
          if (msg != null && !"success".equals(status) && !"pass".equals(status)) {
            row.add(msg.length() > 2000 ? msg.substring(0, 2000) + "…" : msg);
          }
        }
      }

      // run timelines of the last TIMELINES invocations with results: [node, thread, start_ms, end_ms, status]
      ObjectNode runs = d.putObject("runs");
      try (ResultSet rs = query("WITH last AS (SELECT invocation_id FROM invocations WHERE environment = ?"
          + " AND has_run_results ORDER BY generated_at DESC LIMIT " + TIMELINES + ")"
          + " SELECT invocation_id, unique_id, coalesce(thread_id, 'main'), epoch_ms(execute_started_at),"
          + " epoch_ms(execute_completed_at), status, execution_time FROM run_results"
          + " WHERE environment = ? AND invocation_id IN (SELECT invocation_id FROM last)"
          + " ORDER BY invocation_id, execute_started_at NULLS LAST, result_index", env)) {
        while (rs.next()) {
          Integer v = invocations.get(rs.getString(1));
          Integer i = index.get(rs.getString(2));
          if (v == null) {
            continue;
          }
          ArrayNode list = runs.has(v.toString()) ? (ArrayNode) runs.get(v.toString()) : runs.putArray(v.toString());
          long start = rs.getLong(4);
          boolean timed = !rs.wasNull();
          long end = rs.getLong(5);
          ArrayNode row = list.addArray();
          row.add(i == null ? -1 : i).add(thread(rs.getString(3)));
          if (timed) {
            row.add(start).add(end);
          } else {
            row.addNull().addNull();
          }
          row.add(status(rs.getString(6))).add(rs.getDouble(7));
        }
      }

      // source freshness over time: [invocation, status, age_s, snapshotted_ms, max_loaded_ms]
      ObjectNode fresh = d.putObject("f");
      try (ResultSet rs = query("SELECT unique_id, invocation_id, status, max_loaded_at_time_ago_in_s,"
          + " epoch_ms(snapshotted_at), epoch_ms(max_loaded_at), epoch_ms(generated_at) FROM (SELECT *,"
          + " row_number() OVER (PARTITION BY unique_id ORDER BY generated_at DESC) AS rn FROM source_freshness"
          + " WHERE environment = ?) WHERE rn <= 100 ORDER BY unique_id, generated_at")) {
        while (rs.next()) {
          Integer i = index.get(rs.getString(1));
          Integer v = invocations.get(rs.getString(2));
          if (i == null || v == null) {
            continue;
          }
          ArrayNode list = fresh.has(i.toString()) ? (ArrayNode) fresh.get(i.toString()) : fresh.putArray(i.toString());
          ArrayNode row = list.addArray().add(v).add(status(rs.getString(3)));
          double age = rs.getDouble(4);
          if (rs.wasNull()) {
            row.addNull();
          } else {
            row.add(age);
          }
          long snap = rs.getLong(5);
          row.add(rs.wasNull() ? rs.getLong(7) : snap);
        }
      }

      ArrayNode st = d.putArray("statuses");
      statuses.keySet().forEach(st::add);
      ArrayNode th = d.putArray("threads");
      threads.keySet().forEach(th::add);
      // sections other features add (recommendations, performance, alerts): name -> data; see docs/report.md
      d.putObject("sections");
      return d;
    }

    private int status(String s) {
      return statuses.computeIfAbsent(s == null ? "unknown" : s, k -> statuses.size());
    }

    private int thread(String s) {
      return threads.computeIfAbsent(s, k -> threads.size());
    }

    private ResultSet query(String sql) throws SQLException {
      return query(sql, null);
    }

    private ResultSet query(String sql, String second) throws SQLException {
      PreparedStatement ps = c.prepareStatement(sql);
      ps.closeOnCompletion();
      ps.setString(1, env);
      if (second != null) {
        ps.setString(2, second);
      }
      return ps.executeQuery();
    }

    private static String nz(String s) {
      return s == null ? "" : s;
    }
  }
}
