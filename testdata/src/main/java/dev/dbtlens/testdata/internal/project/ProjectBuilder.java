package dev.dbtlens.testdata.internal.project;

import dev.dbtlens.testdata.internal.project.Model.Layer;
import dev.dbtlens.testdata.internal.project.Vocabulary.Entity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds the synthetic project graph: sources, seeds, snapshots, staging, intermediate (four levels), marts,
 * tests, unit tests and exposures. Everything is drawn from one seeded {@link SplittableRandom}, in a fixed order.
 */
public final class ProjectBuilder {
    public static final String ROOT = "shop";
    static final String UTILS = "shop_utils";
    static final int PACKAGE_MODELS = 3;
    static final int INTERMEDIATE_LEVELS = 4;

    private final int totalModels;
    private final SplittableRandom rnd;
    private final Project p = new Project();
    /** Membership checks only, never iterated. */
    private final Set<String> usedNames = new HashSet<>();
    /** Staging and intermediate models made so far; their creation index is their position in parent pools. */
    private int poolSize;

    /** Violations of dbt-project-evaluator's rules to plant (none by default). */
    private java.util.Set<String> plants = java.util.Set.of();

    public ProjectBuilder(int totalModels, long seed) {
        this.totalModels = totalModels;
        this.rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
    }

    /**
     * @param names the names of the violations to plant ({@code dev.dbtlens.testdata.PlantedViolation})
     * @return this builder
     */
    public ProjectBuilder planting(java.util.Set<String> names) {
        this.plants = java.util.Set.copyOf(names);
        return this;
    }

    public Project build() {
        int rest = totalModels - PACKAGE_MODELS;
        int staging = Math.max(4, (int) Math.round(rest * 0.33));
        int marts = Math.max(6, (int) Math.round(rest * 0.30));
        int intermediate = rest - staging - marts;
        p.macros.addAll(MacroCatalog.macros());
        groups();
        List<Model> pkg = packageModels();
        rootSeeds();
        SourceBuilder sources = new SourceBuilder(p, rnd, usedNames, totalModels);
        sources.sources(staging);
        sources.ensureStaleSources();
        sources.snapshots();
        List<Model> stg = stagingModels();
        List<List<Model>> levels = intermediateModels(intermediate, stg);
        List<Model> dims = dimensions(marts, stg, levels);
        facts(marts - dims.size(), stg, levels, dims, pkg);
        chooseBreakingModel();
        unitTests(levels);
        new TestBuilder(p, rnd).build();
        new ExposureBuilder(p, rnd).build(totalModels, dims);
        RecommendationPlants.apply(p, plants);
        p.finish();
        new TestBuilder(p, rnd).designateScriptedTests();
        return p;
    }

    private void groups() {
        for (String domain : List.of("finance", "marketing", "operations")) {
            Vocabulary.Owner o = Vocabulary.ownerOf(domain);
            p.groups.add(new Group(domain, o.name(), o.email(),
                    "Models owned and supported by the " + o.name() + " team."));
        }
    }

    // ---------------------------------------------------------------- package and seeds

    private List<Model> packageModels() {
        Seed countries = new Seed(UTILS, "country_codes", rnd.nextLong(), List.of(
                new Column("country_code", Vocabulary.TEXT, "ISO 3166-1 alpha-2 code."),
                new Column("country_name", Vocabulary.TEXT, "English short name."),
                new Column("region", Vocabulary.TEXT, "Sales region the country belongs to.")), 249,
                "ISO country codes shipped with shop_utils.");
        Entity dates = new Entity("dates", "date", "core", false, List.of());
        Model spine = packageModel("util_date_spine", dates, "table",
                "One row per calendar day from 2015-01-01 to 2030-12-31.",
                List.of(new Column("date_day", Vocabulary.DATE, "Calendar day."),
                        new Column("week_start", Vocabulary.DATE, "Monday of the week."),
                        new Column("month_start", Vocabulary.DATE, "First day of the month."),
                        new Column("quarter", Vocabulary.NUMBER, "Calendar quarter, 1 to 4."),
                        new Column("year", Vocabulary.NUMBER, "Calendar year."),
                        new Column("is_weekend", Vocabulary.BOOLEAN, "True on Saturday and Sunday.")));
        spine.macros = List.of("macro.shop_utils.date_spine");
        Entity country = new Entity("countries", "country", "core", false, List.of());
        Model countriesModel = packageModel("util_countries", country, "view",
                "Country reference data with regions, from the country_codes seed.",
                List.of(new Column("country_code", Vocabulary.TEXT, "ISO 3166-1 alpha-2 code."),
                        new Column("country_name", Vocabulary.TEXT, "English short name."),
                        new Column("region", Vocabulary.TEXT, "Sales region."),
                        new Column("is_eu", Vocabulary.BOOLEAN, "True for EU member states."),
                        new Column("currency", Vocabulary.TEXT, "Default currency.")));
        countriesModel.parents = new Resource[] {countries};
        Entity period = new Entity("fiscal_periods", "fiscal_period", "finance", false, List.of());
        Model fiscal = packageModel("util_fiscal_periods", period, "table",
                "Fiscal calendar (4-4-5) derived from the date spine.",
                List.of(new Column("date_day", Vocabulary.DATE, "Calendar day."),
                        new Column("fiscal_year", Vocabulary.NUMBER, "Fiscal year."),
                        new Column("fiscal_quarter", Vocabulary.NUMBER, "Fiscal quarter."),
                        new Column("fiscal_period", Vocabulary.NUMBER, "Fiscal period, 1 to 12."),
                        new Column("fiscal_week", Vocabulary.NUMBER, "Fiscal week, 1 to 53.")));
        fiscal.parents = new Resource[] {spine};
        fiscal.macros = List.of("macro.shop_utils.get_fiscal_period");
        p.seeds.add(countries);
        return List.of(spine, countriesModel, fiscal);
    }

    private Model packageModel(String name, Entity entity, String materialized, String description,
                               List<Column> columns) {
        Model m = new Model(UTILS, name, "model." + UTILS + "." + name, name, rnd.nextLong(), Layer.PACKAGE,
                entity, List.of("utils"), 1);
        m.materialized = materialized;
        m.description = description;
        m.columns = columns;
        m.tags = List.of("shop_utils");
        m.domain = "core";
        usedNames.add(name);
        p.models.add(m);
        return m;
    }

    private void rootSeeds() {
        int count = 3 + totalModels / 200;
        for (int i = 0; i < count; i++) {
            String name = i < Vocabulary.SEED_NAMES.size() ? Vocabulary.SEED_NAMES.get(i) : "seed_mapping_" + i;
            String key = name.replace("seed_", "");
            List<Column> cols = List.of(
                    new Column(key.endsWith("s") ? key.substring(0, key.length() - 1) + "_code" : key + "_code",
                            Vocabulary.TEXT, "Code as sent by the source systems."),
                    new Column("label", Vocabulary.TEXT, "Human readable label."),
                    new Column("sort_order", Vocabulary.NUMBER, "Display order."),
                    new Column("is_active", Vocabulary.BOOLEAN, "False for retired codes."));
            long rows = 5 + rnd.nextInt(400);
            p.seeds.add(p.seeds.size() - 1, new Seed(ROOT, name, rnd.nextLong(), cols, rows,
                    "Static mapping maintained by analytics engineering (" + key.replace('_', ' ') + ")."));
        }
    }

    // ---------------------------------------------------------------- models

    private List<Model> stagingModels() {
        List<Model> out = new ArrayList<>();
        for (SourceTable src : p.sources) {
            String name = "stg_" + src.sourceName + "__" + src.name;
            Model m = rootModel(name, name, Layer.STAGING, src.entity, List.of("staging", src.sourceName), 1);
            m.parents = new Resource[] {src};
            m.materialized = "view";
            m.tags = List.of("staging", src.system.name());
            m.domain = src.entity.domain();
            m.description = "Cleaned " + src.entity.plural().replace('_', ' ') + " from " + src.sourceName
                    + ": renamed keys, typed columns, amounts in major units. One row per "
                    + src.entity.singular().replace('_', ' ') + ".";
            List<Column> cols = new ArrayList<>();
            cols.add(Columns.pk(src.entity));
            for (Column c : src.columns.subList(1, src.columns.size() - 1)) {
                cols.add(c);
            }
            if (src.system.loadedAtField() != null) {
                cols.add(new Column("loaded_at", Vocabulary.TIMESTAMP, "When the loader last synced the row."));
            }
            m.columns = cols;
            m.documented = rnd.nextInt(20) != 0;
            if (m.hasColumn("amount")) {
                m.macros = List.of("macro.shop.cents_to_dollars");
            }
            out.add(m);
        }
        return out;
    }

    private List<List<Model>> intermediateModels(int count, List<Model> stg) {
        List<List<Model>> levels = new ArrayList<>();
        for (int l = 0; l < INTERMEDIATE_LEVELS; l++) {
            levels.add(new ArrayList<>());
        }
        int lastOfLevelOne = count / INTERMEDIATE_LEVELS > 0 ? (count + INTERMEDIATE_LEVELS - 1) / INTERMEDIATE_LEVELS - 1 : 0;
        List<Model> lower = new ArrayList<>(stg);
        Model ephemeral = null;
        for (int j = 0; j < count; j++) {
            int level = 1 + (j * INTERMEDIATE_LEVELS) / count;
            List<Model> previous = level == 1 ? stg : levels.get(level - 2);
            if (levels.get(level - 1).isEmpty() && level > 1) {
                lower.addAll(levels.get(level - 2));
            }
            Model home = stg.get((j * 7) % stg.size());
            Entity entity = home.entity;
            Model first = level == 1 ? home
                    : level == 2 && levels.get(1).isEmpty() && ephemeral != null ? ephemeral
                    : pickSameEntity(previous, entity);
            List<Resource> parents = new ArrayList<>();
            parents.add(first);
            int fanIn = fanIn();
            if (level > 1 && fanIn > 1 && first.entity != entity) {
                parents.add(home);
                fanIn--;
            }
            addParents(parents, lower, first, fanIn - 1);
            if (rnd.nextInt(10) == 0) {
                Seed s = p.seeds.get(rnd.nextInt(p.seeds.size() - 1));
                parents.add(s);
            }
            String name = uniqueName("int_" + entity.plural() + "_" + Vocabulary.INTERMEDIATE_VERBS.get(
                    rnd.nextInt(Vocabulary.INTERMEDIATE_VERBS.size())));
            Model m = rootModel(name, name, Layer.INTERMEDIATE, entity, List.of("intermediate", entity.domain()),
                    level + 1);
            m.parents = parents.toArray(Resource.NONE);
            m.domain = entity.domain();
            m.tags = List.of("intermediate");
            int kind = rnd.nextInt(20);
            m.materialized = kind < 12 ? "view" : kind < 17 ? "table" : "incremental";
            if (m.incremental()) {
                m.incrementalStrategy = "merge";
                m.macros = List.of("macro.dbt.is_incremental");
            }
            if (j == lastOfLevelOne && count >= INTERMEDIATE_LEVELS) {
                m.materialized = "ephemeral";
                m.incrementalStrategy = null;
                m.macros = List.of();
                ephemeral = m;
            }
            m.description = "Intermediate " + entity.plural().replace('_', ' ') + " model ("
                    + name.substring(name.lastIndexOf('_') + 1) + ") combining " + parents.size()
                    + (parents.size() == 1 ? " upstream model." : " upstream models.");
            m.columns = Columns.derived(rnd, entity, m.parents);
            m.documented = m.ephemeral() || rnd.nextInt(12) != 0;
            levels.get(level - 1).add(m);
        }
        return levels;
    }

    private List<Model> dimensions(int marts, List<Model> stg, List<List<Model>> levels) {
        int count = Math.max(3, (int) Math.round(marts * 0.4));
        List<Model> top = topLevel(levels);
        List<Model> pool = allIntermediate(stg, levels);
        List<Model> dims = new ArrayList<>();
        List<Entity> entities = Vocabulary.ENTITIES.stream().filter(e -> !e.factLike()).toList();
        Model first = pick(top);
        List<Resource> sharedParents = new ArrayList<>();
        sharedParents.add(first);
        addParents(sharedParents, pool, first, rnd.nextInt(2));
        Entity customers = Vocabulary.entityNamed("customers");
        for (int v = 1; v <= 2; v++) {
            Model m = martModel("dim_customers", Layer.DIMENSION, customers, v);
            List<Resource> parents = new ArrayList<>(sharedParents);
            if (v == 2 && !p.snapshots.isEmpty()) {
                parents.add(p.snapshots.get(0));
            }
            m.parents = parents.toArray(Resource.NONE);
            m.version = v;
            m.latestVersion = 2;
            m.description = v == 1
                    ? "Customers, one row per customer (version 1, deprecated: use v2 which adds lifetime value)."
                    : "Customers, one row per customer, with lifetime value and current segment.";
            m.columns = Columns.derived(rnd, customers, m.parents);
            m.materialized = "table";
            dims.add(m);
        }
        for (int i = 2; i < count; i++) {
            Entity entity = entities.get((i - 1) % entities.size());
            Model m = martModel(uniqueName("dim_" + entity.plural()), Layer.DIMENSION, entity, null);
            List<Resource> parents = new ArrayList<>();
            Model f = pick(top);
            parents.add(f);
            addParents(parents, pool, f, rnd.nextInt(3));
            m.parents = parents.toArray(Resource.NONE);
            m.materialized = "table";
            m.description = "Dimension of " + entity.plural().replace('_', ' ') + ", one row per "
                    + entity.singular().replace('_', ' ') + ", current state.";
            m.columns = Columns.derived(rnd, entity, m.parents);
            dims.add(m);
        }
        return dims;
    }

    private void facts(int count, List<Model> stg, List<List<Model>> levels, List<Model> dims, List<Model> pkg) {
        List<Model> upper = new ArrayList<>(levels.get(INTERMEDIATE_LEVELS - 1));
        upper.addAll(levels.get(INTERMEDIATE_LEVELS - 2));
        List<Model> pool = allIntermediate(stg, levels);
        List<Model> dimPool = dims.stream().filter(d -> d.version == null || d.version == 2).toList();
        Model dimV1 = dims.get(0);
        List<Entity> entities = new ArrayList<>();
        entities.add(Vocabulary.entityNamed("orders"));
        entities.add(Vocabulary.entityNamed("events"));
        Vocabulary.ENTITIES.stream().filter(e -> e.factLike() && !entities.contains(e)).forEach(entities::add);
        for (int i = 0; i < count; i++) {
            Entity entity = entities.get(i % entities.size());
            Model m = martModel(uniqueName("fct_" + entity.plural()), Layer.FACT, entity, null);
            List<Resource> parents = new ArrayList<>();
            Model first = pick(upper);
            parents.add(first);
            int dimCount = 1 + rnd.nextInt(2);
            for (int d = 0; d < dimCount; d++) {
                Model dim = dimPool.get(rnd.nextInt(dimPool.size()));
                if (!parents.contains(dim)) {
                    parents.add(dim);
                }
            }
            addParents(parents, pool, first, rnd.nextInt(2));
            if (i == 0) {
                parents.add(pkg.get(0));
            }
            if (i == 2 && !parents.contains(dimV1)) {
                parents.add(dimV1);
                m.pinnedParent = dimV1;
            }
            m.parents = parents.toArray(Resource.NONE);
            m.columns = Columns.derived(rnd, entity, m.parents);
            m.description = "Fact table of " + entity.plural().replace('_', ' ') + ", one row per "
                    + entity.singular().replace('_', ' ') + ", joined to its dimensions.";
            boolean incremental = rnd.nextBoolean();
            m.materialized = incremental ? "incremental" : "table";
            if (incremental) {
                m.incrementalStrategy = "merge";
                m.macros = List.of("macro.dbt.is_incremental", "macro.shop_utils.surrogate_key");
            } else {
                m.macros = List.of("macro.shop_utils.surrogate_key");
            }
            if (i == 0) {
                m.materialized = "table";
                m.incrementalStrategy = null;
                m.contractEnforced = true;
                m.macros = List.of("macro.shop_utils.surrogate_key");
                m.description = "Orders with revenue, discounts and tax. Contracted: the column names, types and"
                        + " constraints are enforced at build time.";
            }
            if (i == 1) {
                m.materialized = "incremental";
                m.incrementalStrategy = "microbatch";
                m.microbatch = true;
                m.macros = List.of();
                m.description = "Events processed in daily microbatches (event_time created_at, lookback 1).";
            }
            if (i == count - 1) {
                p.lateModel = m;
                m.description = m.description + " Added to the project after the first runs.";
            }
        }
    }

    private Model martModel(String name, Layer layer, Entity entity, Integer version) {
        String fileName = version == null ? name : name + "_v" + version;
        String uid = "model." + ROOT + "." + name + (version == null ? "" : ".v" + version);
        Model m = new Model(ROOT, name, uid, fileName, rnd.nextLong(), layer, entity,
                List.of("marts", entity.domain()), layer == Layer.DIMENSION ? 6 : 7);
        usedNames.add(name);
        m.domain = entity.domain();
        if (!"core".equals(entity.domain())) {
            m.group = entity.domain();
            m.access = "public";
        } else {
            m.access = rnd.nextBoolean() ? "public" : "protected";
        }
        List<String> tags = new ArrayList<>(List.of("marts", entity.domain(), rnd.nextInt(4) == 0 ? "hourly" : "nightly"));
        if (List.of("customers", "contacts", "users", "addresses", "employees").contains(entity.plural())) {
            tags.add("pii");
        }
        m.tags = tags;
        m.documented = true;
        p.models.add(m);
        return m;
    }

    private Model rootModel(String name, String fileName, Layer layer, Entity entity, List<String> folders, int level) {
        Model m = new Model(ROOT, name, "model." + ROOT + "." + name, fileName, rnd.nextLong(), layer, entity,
                folders, level);
        m.poolIndex = poolSize++;
        usedNames.add(name);
        p.models.add(m);
        return m;
    }

    /**
     * The intermediate model (level 2 or deeper) that will break: among the first candidates with at least two
     * model children, the one whose downstream models number closest to four, so the failure skips a visible
     * but not overwhelming part of the graph.
     */
    private void chooseBreakingModel() {
        Map<Model, List<Model>> children = new IdentityHashMap<>();
        for (Model c : p.models) {
            for (Resource r : c.parents) {
                if (r instanceof Model m) {
                    children.computeIfAbsent(m, k -> new ArrayList<>()).add(c);
                }
            }
        }
        Model best = null;
        int bestDistance = Integer.MAX_VALUE;
        int candidates = 0;
        for (Model m : p.models) {
            if (m.layer != Layer.INTERMEDIATE || m.ephemeral() || m.level < 3
                    || children.getOrDefault(m, List.of()).size() < 2 || candidates++ > 60) {
                continue;
            }
            int distance = Math.abs(downstreamCount(m, children) - 4);
            if (distance < bestDistance) {
                best = m;
                bestDistance = distance;
            }
        }
        if (best == null) {
            best = p.models.stream().filter(m -> m.layer == Layer.INTERMEDIATE && !m.ephemeral()).findFirst()
                    .orElseThrow();
        }
        best.documented = true;
        p.breakingModel = best;
    }

    private static int downstreamCount(Model root, Map<Model, List<Model>> children) {
        Set<Model> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Model> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty() && seen.size() < 1000) {
            for (Model c : children.getOrDefault(queue.poll(), List.of())) {
                if (seen.add(c)) {
                    queue.add(c);
                }
            }
        }
        return seen.size();
    }

    private void unitTests(List<List<Model>> levels) {
        Model target = null;
        for (Model m : levels.get(0)) {
            if (!m.ephemeral() && m != p.breakingModel) {
                target = m;
                break;
            }
        }
        if (target != null) {
            addUnitTest(target, "test_" + target.entity.singular() + "_status_is_normalised",
                    "Statuses from every source system map onto the canonical list.");
        }
        Model contract = p.models.stream().filter(m -> m.contractEnforced).findFirst().orElseThrow();
        addUnitTest(contract, "test_order_totals_add_up", "Order total equals items plus tax minus discounts.");
    }

    private void addUnitTest(Model model, String name, String description) {
        model.documented = true;
        UnitTest u = new UnitTest(name, rnd.nextLong(), model, description);
        model.unitTests.add(u);
        p.unitTests.add(u);
    }

    // ---------------------------------------------------------------- helpers

    private int fanIn() {
        int r = rnd.nextInt(100);
        if (r < 30) {
            return 1;
        }
        if (r < 65) {
            return 2;
        }
        return r < 90 ? 3 : 4;
    }

    /** Adds up to {@code extra} distinct parents, half of them near {@code anchor} in the pool (clusters). */
    private void addParents(List<Resource> parents, List<Model> pool, Model anchor, int extra) {
        int anchorIndex = Math.min(anchor.poolIndex, pool.size() - 1);
        for (int k = 0; k < extra * 4 && extra > 0; k++) {
            int index = rnd.nextBoolean()
                    ? Math.floorMod(anchorIndex + rnd.nextInt(21) - 10, pool.size())
                    : rnd.nextInt(pool.size());
            Model candidate = pool.get(index);
            if (!parents.contains(candidate)) {
                parents.add(candidate);
                extra--;
                if (extra == 0) {
                    return;
                }
            }
        }
    }

    /** A model of the given entity from the pool if a few random draws find one, else any. */
    private Model pickSameEntity(List<Model> pool, Entity entity) {
        for (int k = 0; k < 4; k++) {
            Model m = pick(pool);
            if (m.entity == entity) {
                return m;
            }
        }
        return pick(pool);
    }

    private Model pick(List<Model> pool) {
        return pool.get(rnd.nextInt(pool.size()));
    }

    private static List<Model> topLevel(List<List<Model>> levels) {
        for (int l = levels.size() - 1; l >= 0; l--) {
            if (!levels.get(l).isEmpty()) {
                return levels.get(l);
            }
        }
        throw new IllegalStateException("no intermediate models");
    }

    private static List<Model> allIntermediate(List<Model> stg, List<List<Model>> levels) {
        List<Model> pool = new ArrayList<>(stg);
        levels.forEach(pool::addAll);
        return pool;
    }

    private String uniqueName(String base) {
        if (usedNames.add(base)) {
            return base;
        }
        for (int k = 2; ; k++) {
            String candidate = base + "_" + k;
            if (usedNames.add(candidate)) {
                return candidate;
            }
        }
    }
}
