package dev.dbtlens.testdata.internal.project;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/** Declares data tests the way a project's yml files would: keys, foreign keys, statuses; plus singular tests. */
final class TestBuilder {
    private final Project p;
    private final SplittableRandom rnd;

    TestBuilder(Project p, SplittableRandom rnd) {
        this.p = p;
        this.rnd = rnd;
    }

    void build() {
        for (Model m : p.models) {
            modelTests(m);
        }
        for (int i = 0; i < p.sources.size(); i += 4) {
            sourceTests(p.sources.get(i));
        }
        singularTests();
    }

    private void modelTests(Model m) {
        if (!m.documented || m.ephemeral()) {
            return;
        }
        boolean always = m.contractEnforced || m.version != null || m == p.breakingModel || !m.unitTests.isEmpty();
        double keyed = m.layer == Model.Layer.INTERMEDIATE ? 0.35 : 0.75;
        String pk = m.pk();
        if (always || rnd.nextDouble() < keyed) {
            add(generic(m, "unique", pk, null, null, List.of(), severity(0.05)));
            add(generic(m, "not_null", pk, null, null, List.of(), severity(0.05)));
        }
        List<String> fks = foreignKeys(m);
        if (!fks.isEmpty() && rnd.nextDouble() < 0.15) {
            add(generic(m, "not_null", fks.get(0), null, null, List.of(), severity(0.08)));
        }
        relationships(m, fks);
        if (m.hasColumn("status") && !m.entity.statusValues().isEmpty() && rnd.nextDouble() < 0.4) {
            add(generic(m, "accepted_values", "status", null, null, m.entity.statusValues(), severity(0.5)));
        }
    }

    private void relationships(Model m, List<String> fks) {
        for (String fk : fks) {
            for (Resource r : m.parents) {
                if (r instanceof Model parent && !parent.ephemeral() && parent.pk().equals(fk)) {
                    if (rnd.nextDouble() < 0.6) {
                        add(generic(m, "relationships", fk, parent, parent.pk(), List.of(), severity(0.08)));
                    }
                    return;
                }
            }
        }
    }

    private static List<String> foreignKeys(Model m) {
        List<String> out = new ArrayList<>();
        for (Column c : m.columns) {
            if (c.name().endsWith("_id") && !c.name().equals(m.pk())) {
                out.add(c.name());
            }
        }
        return out;
    }

    private String severity(double warnProbability) {
        return rnd.nextDouble() < warnProbability ? "warn" : "ERROR";
    }

    private void sourceTests(SourceTable s) {
        for (String test : List.of("unique", "not_null")) {
            String name = "source_" + test + "_" + s.sourceName + "_" + s.name + "_id";
            String uid = "test." + ProjectBuilder.ROOT + "." + name + "." + Hashing.md5(name + "|" + s.uniqueId)
                    .substring(0, 10);
            String alias = alias(name, "source_" + test, s.sourceName);
            DataTest t = new DataTest(ProjectBuilder.ROOT, name, uid, rnd.nextLong(), test, s, "id", null, null, List.of(), "ERROR",
                    alias, alias + ".sql", s.ymlPath(), rawCode(test, name, alias));
            t.parents = new Resource[] {s};
            add(t);
        }
    }

    private DataTest generic(Model m, String test, String column, Model to, String field, List<String> values,
                             String severity) {
        String target = m.alias();
        StringBuilder name = new StringBuilder(test).append('_').append(target).append('_').append(column);
        if (to != null) {
            name.append("__").append(field).append("__ref_").append(to.name).append('_');
        }
        for (String v : values) {
            name.append("__").append(v);
        }
        String n = name.toString();
        String uid = "test." + m.packageName + "." + n + "." + Hashing.md5(n + "|" + m.uniqueId).substring(0, 10);
        String alias = alias(n, test, target);
        DataTest t = new DataTest(m.packageName, n, uid, rnd.nextLong(), test, m, column, to, field, values, severity,
                alias,
                alias + ".sql", m.ymlPath(), rawCode(test, n, alias));
        t.parents = to == null ? new Resource[] {m} : new Resource[] {to, m};
        m.tests.add(t);
        return t;
    }

    /** dbt shortens test names over 63 characters to {@code <test>_<model>_<md5>}. */
    private static String alias(String name, String test, String target) {
        return name.length() <= 63 ? name : test + "_" + target + "_" + Hashing.md5(name);
    }

    private static String rawCode(String test, String name, String alias) {
        String call = "{{ test_" + test + "(**_dbt_generic_test_kwargs) }}";
        return alias.equals(name) ? call : call + "{{ config(alias=\"" + alias + "\") }}";
    }

    private void singularTests() {
        List<Model> facts = p.models.stream().filter(m -> m.layer == Model.Layer.FACT && m != p.lateModel).toList();
        Model contract = facts.get(0);
        String amount = firstMoneyColumn(contract);
        String sql1 = "-- Refunds are separate rows, so order amounts are never negative.\n"
                + "select\n    " + contract.pk() + ",\n    " + amount + "\nfrom {{ ref('" + contract.name + "') }}\n"
                + "where " + amount + " < 0\n";
        singular("assert_order_amounts_are_not_negative", sql1, contract);
        if (facts.size() < 2) {
            return;
        }
        Model other = facts.get(1);
        String sql2 = "-- Both facts are loaded from the same upstream runs: their day counts must match.\n"
                + "with a as (\n    select count(*) as n from {{ ref('" + contract.name + "') }}\n),\n\n"
                + "b as (\n    select count(distinct " + other.pk() + ") as n from {{ ref('" + other.name + "') }}\n)\n\n"
                + "select a.n as left_rows, b.n as right_rows\nfrom a\ncross join b\nwhere b.n = 0 and a.n > 0\n";
        singular("assert_facts_are_loaded_together", sql2, contract, other);
    }

    private static String firstMoneyColumn(Model m) {
        for (Column c : m.columns) {
            if (c.type() == Vocabulary.MONEY) {
                return c.name();
            }
        }
        return m.pk();
    }

    private void singular(String name, String sql, Model... models) {
        String uid = "test." + ProjectBuilder.ROOT + "." + name;
        DataTest t = new DataTest(ProjectBuilder.ROOT, name, uid, rnd.nextLong(), null, null, null, null, null,
                List.of(), "ERROR", name,
                name + ".sql", "tests/" + name + ".sql", sql);
        t.parents = models;
        add(t);
    }

    private void add(DataTest t) {
        p.tests.add(t);
    }

    /**
     * Picks the tests the scenario scripts: one warn-severity test that always warns, and one relationships test
     * (outside the breaking model's descendants, so it really runs) that fails in invocations 3 and 4.
     */
    void designateScriptedTests() {
        boolean[] downstream = descendantsOf(p.breakingModel);
        for (DataTest t : p.tests) {
            if (t.warnOnly() && "accepted_values".equals(t.testName) && !downstream[t.id]) {
                p.chronicWarnTest = t;
                break;
            }
        }
        if (p.chronicWarnTest == null) {
            p.chronicWarnTest = p.tests.stream().filter(t -> t.warnOnly() && !downstream[t.id]).findFirst()
                    .orElse(null);
        }
        String[][] preferences = {{"relationships", "fact"}, {null, "fact"}, {"relationships", "leaf"}, {null, "leaf"},
                {null, "any"}};
        for (String[] pref : preferences) {
            if (p.brokenTest == null) {
                p.brokenTest = firstRunnable(downstream, pref[0], pref[1]);
            }
        }
    }

    /** First error-severity test outside the breaking model's descendants, on a leaf fact, a leaf or any model. */
    private DataTest firstRunnable(boolean[] downstream, String testName, String where) {
        for (DataTest t : p.tests) {
            Model m = t.attachedModel();
            if (m == null || t.warnOnly() || downstream[t.id] || m == p.lateModel || t == p.chronicWarnTest) {
                continue;
            }
            if (testName != null && !testName.equals(t.testName)) {
                continue;
            }
            if (!"any".equals(where) && hasModelChild(m)) {
                continue;
            }
            if ("fact".equals(where) && m.layer != Model.Layer.FACT) {
                continue;
            }
            return t;
        }
        return null;
    }

    private static boolean hasModelChild(Model m) {
        for (Resource c : m.children) {
            if (c instanceof Model) {
                return true;
            }
        }
        return false;
    }

    private boolean[] descendantsOf(Resource root) {
        boolean[] seen = new boolean[p.all().size()];
        Deque<Resource> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) {
            for (Resource c : queue.poll().children) {
                if (!seen[c.id]) {
                    seen[c.id] = true;
                    queue.add(c);
                }
            }
        }
        return seen;
    }
}
