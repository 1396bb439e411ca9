package dev.dbtlens.internal.columns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbtlens.internal.columns.LineageBuilder.NodeInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Code loaded on demand: a slice of a generation at a time, never the whole manifest's, with the
 * same lineage as code held in memory.
 */
class LineageBuilderSlicesTest {

  @Test
  void loadsTheCodeOfOneSliceAtATimeAndAnalyzesAsWithCodeAtHand() {
    // a source, 1,200 models reading it (one generation: three slices), 300 models reading those
    List<NodeInput> atHand = new ArrayList<>();
    List<NodeInput> onDemand = new ArrayList<>();
    Map<String, String> code = new HashMap<>();
    NodeInput src = new NodeInput("source.p.raw.orders", "db.raw.orders", List.of(), null, List.of(),
        List.of("id", "amount", "customer_id"));
    atHand.add(src);
    onDemand.add(src);
    for (int i = 0; i < 1500; i++) {
      String id = "model.p.m" + i;
      boolean child = i >= 1200;
      String parent = child ? "model.p.m" + (i - 1200) : src.uniqueId();
      String sql = child ? "select id as order_id, amount * 2 as doubled from db.analytics.m" + (i - 1200)
          : "select id, amount, customer_id as cust from db.raw.orders where amount > " + i;
      code.put("hash-" + i, sql);
      atHand.add(new NodeInput(id, "db.analytics.m" + i, List.of(parent), sql, List.of(), null));
      onDemand.add(new NodeInput(id, "db.analytics.m" + i, List.of(parent), null, List.of(), null, "hash-" + i));
    }
    Map<String, ModelLineage> expected = new HashMap<>();
    LineageBuilder.build(atHand, 2, (n, l) -> expected.put(n.uniqueId(), l));

    List<Integer> loads = new ArrayList<>();
    Map<String, ModelLineage> actual = new HashMap<>();
    LineageBuilder.build(onDemand, 2, n -> null, ids -> {
      loads.add(ids.size());
      Map<String, String> out = new HashMap<>();
      ids.forEach(h -> out.put(h, code.get(h)));
      return out;
    }, (n, l) -> actual.put(n.uniqueId(), l));

    assertThat(loads).containsExactly(500, 500, 200, 300);
    assertThat(actual).hasSize(1500).isEqualTo(expected);
    assertThat(actual.get("model.p.m1300").columns()).extracting(c -> c.name() + "<-"
        + c.parents().stream().map(o -> o.node() + "." + o.column()).toList() + " " + c.transformationType())
        .containsExactly("order_id<-[model.p.m100.id] renamed", "doubled<-[model.p.m100.amount] transformed");
  }
}
