package dev.dbtlens.testdata.internal.project;

import dev.dbtlens.testdata.internal.project.Vocabulary.Attribute;
import dev.dbtlens.testdata.internal.project.Vocabulary.Entity;
import dev.dbtlens.testdata.internal.project.Vocabulary.SourceSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Source groups and their tables (with freshness criteria and a staleness profile each), and the snapshots of some
 * of them. Draws from the project's random stream, in a fixed order.
 */
final class SourceBuilder {
    private final Project p;
    private final SplittableRandom rnd;
    private final Set<String> usedNames;
    private final int totalModels;

    SourceBuilder(Project p, SplittableRandom rnd, Set<String> usedNames, int totalModels) {
        this.p = p;
        this.rnd = rnd;
        this.usedNames = usedNames;
        this.totalModels = totalModels;
    }

    void sources(int tables) {
        int systems = Math.max(3, (tables + 4) / 5);
        int misconfigured = -1;
        int made = 0;
        for (int g = 0; g < systems; g++) {
            SourceSystem system = Vocabulary.SOURCE_SYSTEMS.get(g % Vocabulary.SOURCE_SYSTEMS.size());
            int round = g / Vocabulary.SOURCE_SYSTEMS.size();
            String suffix = round < Vocabulary.SOURCE_SUFFIXES.size()
                    ? Vocabulary.SOURCE_SUFFIXES.get(round) : "_" + (round + 1);
            String sourceName = system.name() + suffix;
            int count = tables / systems + (g < tables % systems ? 1 : 0);
            for (int t = 0; t < count; t++) {
                Entity entity = Vocabulary.entityNamed(system.tables().get(t));
                List<Column> cols = sourceColumns(system, entity);
                List<Column> declared = made % 2 == 0 ? cols.subList(0, Math.min(3, cols.size())) : List.of();
                int profile = stalenessProfile(system);
                boolean broken = false;
                if (misconfigured < 0 && system.freshness().checked() && g > 0 && t == count - 1) {
                    broken = true;
                    misconfigured = made;
                }
                p.sources.add(new SourceTable(system, sourceName, entity, rnd.nextLong(), cols, declared, profile,
                        broken));
                made++;
            }
        }
    }

    /** At least one lagging and one broken source among the checked ones, so freshness has something to report. */
    void ensureStaleSources() {
        boolean lagging = false;
        boolean broken = false;
        for (SourceTable s : p.sources) {
            lagging |= s.stalenessProfile == 1 && !s.misconfigured;
            broken |= s.stalenessProfile == 2 && !s.misconfigured && s.system.freshness().errorCount() != null;
        }
        for (int i = p.sources.size() - 1; i >= 0 && !(lagging && broken); i--) {
            SourceTable s = p.sources.get(i);
            if (!s.freshnessChecked() || s.misconfigured || s.stalenessProfile != 0) {
                continue;
            }
            if (!broken && s.system.freshness().errorCount() != null) {
                s.stalenessProfile = 2;
                broken = true;
            } else if (!lagging) {
                s.stalenessProfile = 1;
                lagging = true;
            }
        }
    }

    private int stalenessProfile(SourceSystem system) {
        if (!system.freshness().checked()) {
            return 0;
        }
        double r = rnd.nextDouble();
        if (r < 0.18) {
            return 1;
        }
        return r < 0.26 ? 2 : 0;
    }

    private List<Column> sourceColumns(SourceSystem system, Entity entity) {
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("id", Vocabulary.NUMBER, "Primary key in " + system.name() + "."));
        for (String fk : siblingKeys(system, entity)) {
            cols.add(new Column(fk, Vocabulary.NUMBER, "Identifier of the related " + fk.replace("_id", "") + "."));
        }
        for (Attribute a : Columns.attributes(rnd, entity, 2 + rnd.nextInt(7))) {
            cols.add(new Column(a.name(), a.type(), a.description()));
        }
        String loaded = system.loadedAtField() != null ? system.loadedAtField() : "_sdc_batched_at";
        cols.add(new Column(loaded, Vocabulary.TIMESTAMP, "When the loader wrote the row."));
        return cols;
    }

    private List<String> siblingKeys(SourceSystem system, Entity entity) {
        List<String> keys = new ArrayList<>();
        int wanted = rnd.nextInt(3);
        for (String table : system.tables()) {
            if (keys.size() >= wanted) {
                break;
            }
            Entity other = Vocabulary.entityNamed(table);
            if (other != entity && !other.pk().equals(entity.pk()) && rnd.nextInt(3) == 0) {
                keys.add(other.pk());
            }
        }
        return keys;
    }

    void snapshots() {
        int count = 2 + totalModels / 2000;
        for (int i = 0; i < count && i < p.sources.size(); i++) {
            SourceTable src = p.sources.get((i * 7) % p.sources.size());
            String name = "snap_" + src.sourceName + "__" + src.name;
            if (!usedNames.add(name)) {
                continue;
            }
            List<Column> cols = new ArrayList<>(src.columns);
            cols.add(new Column("dbt_scd_id", Vocabulary.TEXT, "Unique key of the snapshot row."));
            cols.add(new Column("dbt_updated_at", Vocabulary.TIMESTAMP, "Source updated_at of the row version."));
            cols.add(new Column("dbt_valid_from", Vocabulary.TIMESTAMP, "When this version became current."));
            cols.add(new Column("dbt_valid_to", Vocabulary.TIMESTAMP, "When this version was superseded."));
            String strategy = src.columns.stream().anyMatch(c -> c.name().equals("updated_at")) ? "timestamp" : "check";
            p.snapshots.add(new Snapshot(name, rnd.nextLong(), src, strategy, cols));
        }
    }
}
