package dev.dbtlens.testdata.internal.project;

import java.util.List;

/** Word lists the synthetic project is made of. Every list is fixed, so output never depends on the JVM. */
public final class Vocabulary {

    private Vocabulary() {
    }

    /** A business entity: a source table, a staging model and the models built on it. */
    public record Entity(String plural, String singular, String domain, boolean factLike, List<String> statusValues) {
        String pk() {
            return singular + "_id";
        }
    }

    /** Source freshness criteria as written in a sources yml; {@code null} counts mean "not set". */
    public record Freshness(Integer warnCount, String warnPeriod, Integer errorCount, String errorPeriod, String filter) {
        static final Freshness NONE = new Freshness(null, null, null, null, null);

        boolean checked() {
            return warnCount != null || errorCount != null;
        }

        static long seconds(Integer count, String period) {
            if (count == null) {
                return Long.MAX_VALUE;
            }
            return switch (period) {
                case "minute" -> count * 60L;
                case "hour" -> count * 3600L;
                default -> count * 86400L;
            };
        }

        public long warnSeconds() {
            return seconds(warnCount, warnPeriod);
        }

        public long errorSeconds() {
            return seconds(errorCount, errorPeriod);
        }
    }

    /** A system that lands raw data in the warehouse: one dbt source group. */
    public record SourceSystem(String name, String loader, String loadedAtField, Freshness freshness, String description,
                        List<String> tables) {
    }

    /** A column type as declared in yml (lower case) and as Snowflake's catalog reports it. */
    public record ColumnType(String declared, String catalog) {
    }

    static final ColumnType NUMBER = new ColumnType("number(38,0)", "NUMBER");
    public static final ColumnType MONEY = new ColumnType("number(38,2)", "NUMBER");
    static final ColumnType TEXT = new ColumnType("varchar", "TEXT");
    public static final ColumnType TIMESTAMP = new ColumnType("timestamp_ntz", "TIMESTAMP_NTZ");
    static final ColumnType BOOLEAN = new ColumnType("boolean", "BOOLEAN");
    static final ColumnType FLOAT = new ColumnType("float", "FLOAT");
    static final ColumnType DATE = new ColumnType("date", "DATE");
    static final ColumnType VARIANT = new ColumnType("variant", "VARIANT");

    /** A non-key column every layer may carry. */
    public record Attribute(String name, ColumnType type, String description) {
    }

    static final List<Attribute> ATTRIBUTES = List.of(
            new Attribute("status", TEXT, "Current lifecycle status of the record."),
            new Attribute("created_at", TIMESTAMP, "When the record was created in the source system (UTC)."),
            new Attribute("updated_at", TIMESTAMP, "When the record was last updated in the source system (UTC)."),
            new Attribute("amount", MONEY, "Amount in the record currency, in major units."),
            new Attribute("currency", TEXT, "ISO 4217 currency code."),
            new Attribute("quantity", NUMBER, "Number of units."),
            new Attribute("is_deleted", BOOLEAN, "True when the record was soft-deleted upstream."),
            new Attribute("name", TEXT, "Display name."),
            new Attribute("email", TEXT, "Email address. Contains PII."),
            new Attribute("country_code", TEXT, "ISO 3166-1 alpha-2 country code."),
            new Attribute("channel", TEXT, "Sales or acquisition channel."),
            new Attribute("discount_total", MONEY, "Sum of discounts applied, in major units."),
            new Attribute("tax_amount", MONEY, "Tax charged, in major units."),
            new Attribute("category", TEXT, "Business category."),
            new Attribute("region", TEXT, "Sales region."),
            new Attribute("score", FLOAT, "Model or survey score between 0 and 1."),
            new Attribute("started_at", TIMESTAMP, "Start of the period the record covers (UTC)."),
            new Attribute("ended_at", TIMESTAMP, "End of the period the record covers (UTC)."),
            new Attribute("is_active", BOOLEAN, "True while the record is active."),
            new Attribute("event_date", DATE, "Calendar date of the event."),
            new Attribute("external_ref", TEXT, "Identifier of the record in the originating system."),
            new Attribute("properties", VARIANT, "Semi-structured properties as sent by the source."));

    static final List<Entity> ENTITIES = List.of(
            entity("customers", "customer", "core", false, "new", "active", "churned"),
            entity("orders", "order", "finance", true, "placed", "shipped", "completed", "returned"),
            entity("order_items", "order_item", "finance", true),
            entity("products", "product", "core", false, "active", "discontinued"),
            entity("payments", "payment", "finance", true, "pending", "succeeded", "failed", "refunded"),
            entity("refunds", "refund", "finance", true, "requested", "approved", "paid"),
            entity("invoices", "invoice", "finance", true, "draft", "open", "paid", "void"),
            entity("subscriptions", "subscription", "finance", true, "trialing", "active", "past_due", "canceled"),
            entity("shipments", "shipment", "operations", true, "label_created", "in_transit", "delivered"),
            entity("inventory", "inventory_item", "operations", true),
            entity("suppliers", "supplier", "operations", false),
            entity("campaigns", "campaign", "marketing", false, "draft", "running", "paused", "ended"),
            entity("ad_spend", "ad_spend", "marketing", true),
            entity("sessions", "session", "marketing", true),
            entity("page_views", "page_view", "marketing", true),
            entity("tickets", "ticket", "operations", true, "new", "open", "pending", "solved", "closed"),
            entity("accounts", "account", "finance", false, "open", "closed"),
            entity("contacts", "contact", "marketing", false, "lead", "customer", "unsubscribed"),
            entity("deals", "deal", "marketing", true, "open", "won", "lost"),
            entity("employees", "employee", "operations", false, "active", "on_leave", "terminated"),
            entity("stores", "store", "core", false, "open", "closed"),
            entity("promotions", "promotion", "marketing", false, "scheduled", "live", "expired"),
            entity("returns", "return", "operations", true, "requested", "received", "restocked"),
            entity("carts", "cart", "marketing", true, "open", "converted", "abandoned"),
            entity("reviews", "review", "core", true),
            entity("warehouses", "warehouse", "operations", false),
            entity("vendors", "vendor", "finance", false),
            entity("transactions", "transaction", "finance", true, "pending", "posted"),
            entity("addresses", "address", "core", false),
            entity("fulfillments", "fulfillment", "operations", true, "pending", "fulfilled", "cancelled"),
            entity("discounts", "discount", "marketing", false),
            entity("users", "user", "core", false, "invited", "active", "disabled"),
            entity("events", "event", "marketing", true),
            entity("charges", "charge", "finance", true, "pending", "succeeded", "failed"),
            entity("payouts", "payout", "finance", true, "pending", "paid", "failed"),
            entity("loyalty_points", "loyalty_entry", "marketing", true),
            entity("gift_cards", "gift_card", "finance", false, "active", "redeemed", "expired"),
            entity("currencies", "currency_rate", "finance", false),
            entity("organizations", "organization", "core", false),
            entity("deliveries", "delivery", "operations", true, "scheduled", "out_for_delivery", "delivered"));

    static final List<SourceSystem> SOURCE_SYSTEMS = List.of(
            new SourceSystem("shopify", "fivetran", "_fivetran_synced",
                    new Freshness(12, "hour", 24, "hour", null),
                    "Shopify storefront data replicated by Fivetran.",
                    List.of("customers", "orders", "order_items", "products", "refunds", "addresses", "discounts",
                            "fulfillments", "carts", "gift_cards")),
            new SourceSystem("stripe", "fivetran", "_fivetran_synced",
                    new Freshness(6, "hour", 12, "hour", "created > dateadd(day, -3, current_timestamp())"),
                    "Stripe payments data replicated by Fivetran.",
                    List.of("payments", "charges", "invoices", "subscriptions", "payouts", "refunds", "customers")),
            new SourceSystem("hubspot", "fivetran", "_fivetran_synced",
                    new Freshness(1, "day", null, null, null),
                    "HubSpot CRM objects replicated by Fivetran.",
                    List.of("contacts", "deals", "campaigns", "organizations", "users", "events")),
            new SourceSystem("zendesk", "stitch", null, Freshness.NONE,
                    "Zendesk support data loaded by Stitch; freshness is not monitored.",
                    List.of("tickets", "users", "organizations", "reviews", "events", "contacts")),
            new SourceSystem("google_ads", "fivetran", "_fivetran_synced",
                    new Freshness(24, "hour", 48, "hour", null),
                    "Google Ads reporting tables replicated by Fivetran.",
                    List.of("campaigns", "ad_spend", "promotions", "accounts", "events", "sessions")),
            new SourceSystem("segment", "segment", "received_at",
                    new Freshness(30, "minute", 2, "hour", null),
                    "Event stream from the web and mobile apps, loaded by Segment.",
                    List.of("page_views", "sessions", "events", "users", "carts", "reviews")),
            new SourceSystem("netsuite", "fivetran", "_fivetran_synced",
                    new Freshness(1, "day", 2, "day", null),
                    "NetSuite ERP records replicated by Fivetran.",
                    List.of("transactions", "accounts", "vendors", "employees", "invoices", "currencies", "inventory")),
            new SourceSystem("app_db", "airbyte", "_airbyte_extracted_at",
                    new Freshness(1, "hour", 6, "hour", null),
                    "Replica of the production application database, loaded by Airbyte.",
                    List.of("users", "stores", "warehouses", "inventory", "shipments", "suppliers", "returns",
                            "loyalty_points", "deliveries")));

    static final List<String> SOURCE_SUFFIXES = List.of("", "_eu", "_us", "_apac", "_latam", "_uk", "_ca", "_au");

    static final List<String> INTERMEDIATE_VERBS = List.of("enriched", "joined", "aggregated", "deduplicated",
            "pivoted", "unioned", "daily", "filtered", "scored", "windowed");

    static final List<String> SEED_NAMES = List.of("seed_order_statuses", "seed_payment_methods",
            "seed_channel_mapping", "seed_store_regions", "seed_holidays", "seed_fx_rates");

    /** Exposure name, type, label. */
    public record ExposureTemplate(String name, String type, String label, String domain) {
    }

    static final List<ExposureTemplate> EXPOSURES = List.of(
            new ExposureTemplate("weekly_revenue_dashboard", "dashboard", "Weekly Revenue", "finance"),
            new ExposureTemplate("marketing_attribution", "dashboard", "Marketing Attribution", "marketing"),
            new ExposureTemplate("operations_sla_report", "dashboard", "Operations SLA", "operations"),
            new ExposureTemplate("executive_kpis", "dashboard", "Executive KPIs", "finance"),
            new ExposureTemplate("customer_360_app", "application", "Customer 360", "core"),
            new ExposureTemplate("churn_prediction", "ml", "Churn Prediction", "marketing"),
            new ExposureTemplate("inventory_planning", "notebook", "Inventory Planning", "operations"),
            new ExposureTemplate("cohort_analysis", "analysis", "Cohort Analysis", "marketing"));

    /** Owner name and email for a domain. */
    public record Owner(String name, String email) {
    }

    public static Owner ownerOf(String domain) {
        return switch (domain) {
            case "finance" -> new Owner("Finance Analytics", "finance-analytics@shop.example");
            case "marketing" -> new Owner("Growth Analytics", "growth-analytics@shop.example");
            case "operations" -> new Owner("Operations Analytics", "ops-analytics@shop.example");
            default -> new Owner("Analytics Engineering", "analytics-engineering@shop.example");
        };
    }

    private static Entity entity(String plural, String singular, String domain, boolean fact, String... statuses) {
        return new Entity(plural, singular, domain, fact, List.of(statuses));
    }

    static Entity entityNamed(String plural) {
        for (Entity e : ENTITIES) {
            if (e.plural().equals(plural)) {
                return e;
            }
        }
        throw new IllegalStateException("unknown entity " + plural);
    }
}
