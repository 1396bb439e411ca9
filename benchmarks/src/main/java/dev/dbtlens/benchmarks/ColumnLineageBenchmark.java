package dev.dbtlens.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.ColumnDirection;
import dev.dbtlens.ColumnLineage;
import dev.dbtlens.DbtLens;
import dev.dbtlens.internal.columns.Analyzer;
import dev.dbtlens.internal.columns.LineageBuilder;
import dev.dbtlens.internal.columns.LineageBuilder.NodeInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Column lineage of a generated project: the whole project's lineage (parse + resolve, as the
 * post-ingest step computes it, without the writes) beside its floor, parsing alone with the same
 * parser on the same thread count; and one source column's full downstream through the public API
 * on a database holding the project. The lineage computation is called through core's internal
 * builder (on the class path, where module encapsulation does not apply) to time it without an
 * ingest around it; everything else uses the public API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ColumnLineageBenchmark {
  @Param({"10000"})
  public int models;

  private List<NodeInput> nodes;
  private List<String> sql;
  private DbtLens lens;
  private String rootNode;
  private String rootColumn;
  private String bestNode;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    JsonNode m = new ObjectMapper().readTree(BenchData.manifest(models).toFile());
    nodes = new ArrayList<>();
    sql = new ArrayList<>();
    for (String section : List.of("nodes", "sources")) {
      m.path(section).properties().forEach(e -> {
        JsonNode n = e.getValue();
        String type = n.path("resource_type").asText();
        String code = "model".equals(type) || "snapshot".equals(type) ? n.path("compiled_code").asText(null) : null;
        List<String> deps = new ArrayList<>();
        n.path("depends_on").path("nodes").forEach(d -> deps.add(d.asText()));
        List<String> documented = new ArrayList<>();
        n.path("columns").properties().forEach(c -> documented.add(c.getKey()));
        String rel = n.path("relation_name").isTextual() ? n.path("relation_name").asText() : null;
        nodes.add(new NodeInput(e.getKey(), rel, deps, code, documented, null));
        if (code != null) {
          sql.add(code);
        }
      });
    }
    Path db = BenchData.database("columns-m" + models, lens -> BenchData.ingest(lens, "default",
        List.of(BenchData.manifest(models))));
    lens = DbtLens.openReadOnly(db);
    // the root: among the first 50 sources, the id column with the most downstream columns
    int best = -1;
    int seen = 0;
    for (JsonNode src : (Iterable<JsonNode>) () -> m.path("sources").elements()) {
      rootNode = src.path("unique_id").asText();
      rootColumn = "id";
      int n = downstream().columns().size();
      if (n > best) {
        best = n;
        bestNode = rootNode;
      }
      if (++seen == 50) {
        break;
      }
    }
    rootNode = bestNode;
    ColumnLineage check = downstream();
    if (check.columns().size() < 2) {
      throw new IllegalStateException("the root column " + rootNode + "." + rootColumn + " has no downstream");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    lens.close();
  }

  /** The floor: parse every compiled SQL, one thread. */
  @Benchmark
  public int parseOnlyOneThread() throws Exception {
    int n = 0;
    for (String s : sql) {
      n += Analyzer.parse(s) != null ? 1 : 0;
    }
    return n;
  }

  /** The whole project's column lineage, one thread. */
  @Benchmark
  public int lineageOneThread() {
    int[] n = new int[1];
    LineageBuilder.build(nodes, 1, (node, l) -> n[0] += l.columns().size());
    return n[0];
  }

  /** The whole project's column lineage on every core, as the post-ingest step runs it. */
  @Benchmark
  public int lineageAllCores() {
    int[] n = new int[1];
    LineageBuilder.build(nodes, Runtime.getRuntime().availableProcessors(), (node, l) -> n[0] += l.columns().size());
    return n[0];
  }

  /** One source column's full downstream (graph cached by the lens after the first call). */
  @Benchmark
  public ColumnLineage downstreamOfOneColumn() {
    return downstream();
  }

  private ColumnLineage downstream() {
    return lens.columnImpact("default", List.of(new dev.dbtlens.ColumnRef(rootNode, rootColumn)));
  }
}
