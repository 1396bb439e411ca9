package dev.dbtlens.benchmarks;

import dev.dbtlens.DbtLens;
import dev.dbtlens.NodeId;
import dev.dbtlens.Selection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
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
 * dbt selection through {@code lens.lineage(env).select(...)} beside the floor: the same sets
 * computed by plain breadth-first walks over int adjacency arrays ({@link IntGraph}) built once
 * from the same edges. Each dbtlens call includes {@code lens.lineage(env)}, so a graph rebuilt per
 * query would show; the answers of both sides are checked equal in the setup.
 *
 * <p>The node is an intermediate model chosen at the 90th percentile of lineage size (ancestors
 * plus descendants) among the project's {@code int_} models; the tag intersection is {@code
 * tag:nightly,tag:marts}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LineageBenchmark {
  static final String ENV = "bench";
  static final String TAG_A = "nightly";
  static final String TAG_B = "marts";

  /** Models in the generated project (50,000 models give about 153,000 graph nodes). */
  @Param({"50000"})
  public int models;

  DbtLens lens;
  IntGraph floor;
  String node;
  Selection plusNodePlus;
  Selection atNode;
  Selection threePlusNode;
  Selection tagIntersection;

  @Setup(Level.Trial)
  public void prepare() {
    Path db = BenchData.database("lineage-m" + models + "-s" + BenchData.SEED,
        l -> BenchData.ingest(l, ENV, List.of(BenchData.manifest(models))));
    lens = DbtLens.openReadOnly(db);
    long start = System.nanoTime();
    lens.lineage(ENV); // the graph is built once here and cached; every query below reuses it
    BenchData.log("lineage graph built in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    floor = IntGraph.load(lens, ENV);
    node = chooseNode(floor);
    plusNodePlus = Selection.of("+" + node + "+");
    atNode = Selection.of("@" + node);
    threePlusNode = Selection.of("3+" + node);
    tagIntersection = Selection.of("tag:" + TAG_A + ",tag:" + TAG_B);
    check("+node+", lensPlusNodePlus(), floorPlusNodePlus());
    check("@node", lensAtNode(), floorAtNode());
    check("3+node", lensThreePlusNode(), floorThreePlusNode());
    check("tag intersection", lensTagIntersection(), floorTagIntersection());
    BenchData.log("graph: " + floor.size() + " nodes; node " + node + "; sizes +node+ "
        + floorPlusNodePlus().size() + ", @node " + floorAtNode().size() + ", 3+node "
        + floorThreePlusNode().size() + ", tag:" + TAG_A + ",tag:" + TAG_B + " " + floorTagIntersection().size());
  }

  @TearDown(Level.Trial)
  public void close() {
    lens.close();
  }

  /** The int_ model at the 90th percentile of lineage size (ties by name); any model if none. */
  static String chooseNode(IntGraph g) {
    List<String> names = new ArrayList<>(g.modelsByName.keySet().stream().filter(n -> n.startsWith("int_")).toList());
    if (names.isEmpty()) {
      names.addAll(g.modelsByName.keySet());
    }
    List<long[]> sized = new ArrayList<>();
    names.sort(Comparator.naturalOrder());
    for (int k = 0; k < names.size(); k++) {
      int i = g.modelsByName.get(names.get(k));
      sized.add(new long[] {g.parentsAndChildren(i).cardinality(), k});
    }
    sized.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
    return names.get((int) sized.get((int) (sized.size() * 0.9))[1]);
  }

  private static void check(String what, List<NodeId> lensResult, List<NodeId> floorResult) {
    if (!lensResult.equals(floorResult)) {
      throw new IllegalStateException(what + ": dbtlens selected " + lensResult.size()
          + " nodes, the floor " + floorResult.size() + "; the floor must compute the same set");
    }
  }

  @Benchmark
  public List<NodeId> lensPlusNodePlus() {
    return lens.lineage(ENV).select(plusNodePlus);
  }

  @Benchmark
  public List<NodeId> floorPlusNodePlus() {
    return floor.result(floor.withTests(floor.parentsAndChildren(floor.modelsByName.get(node))));
  }

  @Benchmark
  public List<NodeId> lensAtNode() {
    return lens.lineage(ENV).select(atNode);
  }

  @Benchmark
  public List<NodeId> floorAtNode() {
    return floor.result(floor.withTests(floor.childrensParents(floor.modelsByName.get(node))));
  }

  @Benchmark
  public List<NodeId> lensThreePlusNode() {
    return lens.lineage(ENV).select(threePlusNode);
  }

  @Benchmark
  public List<NodeId> floorThreePlusNode() {
    return floor.result(floor.withTests(floor.parents(floor.modelsByName.get(node), 3)));
  }

  @Benchmark
  public List<NodeId> lensTagIntersection() {
    return lens.lineage(ENV).select(tagIntersection);
  }

  @Benchmark
  public List<NodeId> floorTagIntersection() {
    BitSet a = floor.withTests(floor.tagged(TAG_A));
    a.and(floor.withTests(floor.tagged(TAG_B)));
    return floor.result(a);
  }
}
