package dev.dbtlens.internal.columns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exact lineage of real models, checked by hand: the expected edges were written down from
 * reading each model's compiled SQL (printed with jq) and its parents' catalog columns.
 */
class RealModelLineageTest {

  private static Map<String, ModelLineage> build(String manifest) throws Exception {
    Corpus.Manifest m = Corpus.read(Corpus.root().resolve(manifest));
    Map<String, ModelLineage> out = new HashMap<>();
    LineageBuilder.build(m.nodes(), 1, (n, l) -> out.put(n.uniqueId(), l));
    return out;
  }

  private static List<String> rendered(ModelLineage l) {
    assertThat(l.errorCategory()).as(l.error()).isNull();
    return l.columns().stream().map(ColumnFixturesTest::render).toList();
  }

  private static List<String> filters(ModelLineage l) {
    return l.filters().stream().map(f -> f.origin().node() + "." + f.origin().column() + " " + f.kind()).toList();
  }

  /**
   * jaffle_shop (DuckDB, no catalog beside this manifest): {@code customers} selects {@code
   * customers.*} from {@code stg_customers}, whose own columns come from parsing it (id as
   * customer_id, name as customer_name), and aggregates {@code orders}.
   */
  @Test
  void jaffleShopCustomers() throws Exception {
    Map<String, ModelLineage> all = build("dbt-artifacts-parser/manifest/v12/jaffle_shop/manifest_1.10.json");
    String src = "source.jaffle_shop.ecom.raw_customers";
    assertThat(rendered(all.get("model.jaffle_shop.stg_customers"))).containsExactly(
        "customer_id renamed <- " + src + ".id",
        "customer_name renamed <- " + src + ".name");
    String stg = "model.jaffle_shop.stg_customers";
    String orders = "model.jaffle_shop.orders";
    ModelLineage customers = all.get("model.jaffle_shop.customers");
    assertThat(rendered(customers)).containsExactly(
        "customer_id passthrough <- " + stg + ".customer_id",
        "customer_name passthrough <- " + stg + ".customer_name",
        "count_lifetime_orders transformed <- " + orders + ".order_id",
        "first_ordered_at transformed <- " + orders + ".ordered_at",
        "last_ordered_at transformed <- " + orders + ".ordered_at",
        "lifetime_spend_pretax transformed <- " + orders + ".subtotal",
        "lifetime_tax_paid transformed <- " + orders + ".tax_paid",
        "lifetime_spend transformed <- " + orders + ".order_total",
        "customer_type transformed <- " + orders + ".order_id");
    assertThat(filters(customers)).containsExactlyInAnyOrder(
        orders + ".customer_id group_by",
        stg + ".customer_id join",
        orders + ".customer_id join");
  }

  /**
   * Fivetran NetSuite (Postgres, with catalog): {@code int_netsuite2__locations} expands {@code
   * locations.*} with the catalog's eight columns of {@code stg_netsuite2__locations} and joins
   * four address columns.
   */
  @Test
  void netsuiteLocations() throws Exception {
    Map<String, ModelLineage> all = build("fivetran-dbt_netsuite/manifest-v12_dbt-1.11.11_986fb90a/manifest.json");
    String loc = "model.netsuite.stg_netsuite2__locations";
    String addr = "model.netsuite.stg_netsuite2__location_main_address";
    ModelLineage l = all.get("model.netsuite.int_netsuite2__locations");
    assertThat(rendered(l)).containsExactly(
        "source_relation passthrough <- " + loc + ".source_relation",
        "_fivetran_synced passthrough <- " + loc + "._fivetran_synced",
        "location_id passthrough <- " + loc + ".location_id",
        "name passthrough <- " + loc + ".name",
        "full_name passthrough <- " + loc + ".full_name",
        "main_address_id passthrough <- " + loc + ".main_address_id",
        "parent_id passthrough <- " + loc + ".parent_id",
        "subsidiary_id passthrough <- " + loc + ".subsidiary_id",
        "city passthrough <- " + addr + ".city",
        "state passthrough <- " + addr + ".state",
        "zipcode passthrough <- " + addr + ".zipcode",
        "country passthrough <- " + addr + ".country");
    assertThat(filters(l)).containsExactlyInAnyOrder(
        loc + ".main_address_id join", addr + ".nkey join",
        loc + ".source_relation join", addr + ".source_relation join");
  }
}
