package dev.dbtlens.testdata.internal.project;

import dev.dbtlens.testdata.internal.project.Vocabulary.Attribute;
import dev.dbtlens.testdata.internal.project.Vocabulary.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Column lists of models: primary key, foreign keys from the parents, then attributes from the pool. */
final class Columns {

    private Columns() {
    }

    /** A random subset of the attribute pool (in pool order) with status and created_at where they belong. */
    static List<Attribute> attributes(SplittableRandom rnd, Entity entity, int count) {
        boolean[] pick = new boolean[Vocabulary.ATTRIBUTES.size()];
        int chosen = 0;
        if (!entity.statusValues().isEmpty()) {
            pick[0] = true;
            chosen++;
        }
        pick[1] = true;
        chosen++;
        while (chosen < count) {
            int i = rnd.nextInt(pick.length);
            if (!pick[i]) {
                pick[i] = true;
                chosen++;
            }
        }
        List<Attribute> out = new ArrayList<>();
        for (int i = 0; i < pick.length; i++) {
            if (pick[i]) {
                out.add(Vocabulary.ATTRIBUTES.get(i));
            }
        }
        return out;
    }

    static Column pk(Entity entity) {
        return new Column(entity.pk(), Vocabulary.NUMBER,
                "Primary key: one row per " + entity.singular().replace('_', ' ') + ".");
    }

    /** pk, foreign keys from the parents' keys (up to three), then 3 to 11 attributes. */
    static List<Column> derived(SplittableRandom rnd, Entity entity, Resource[] parents) {
        List<Column> cols = new ArrayList<>();
        cols.add(pk(entity));
        for (Resource r : parents) {
            if (cols.size() > 3) {
                break;
            }
            String key = r instanceof Model m ? m.entity.pk() : null;
            if (key == null || key.equals(entity.pk()) || containsColumn(cols, key)) {
                continue;
            }
            cols.add(new Column(key, Vocabulary.NUMBER, "Foreign key to the " + ((Model) r).entity.singular()
                    .replace('_', ' ') + " (" + r.name + ")."));
        }
        int total = 4 + rnd.nextInt(9);
        for (Attribute a : attributes(rnd, entity, Math.max(2, total - cols.size()))) {
            cols.add(new Column(a.name(), a.type(), a.description()));
        }
        return cols;
    }

    private static boolean containsColumn(List<Column> cols, String name) {
        for (Column c : cols) {
            if (c.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
