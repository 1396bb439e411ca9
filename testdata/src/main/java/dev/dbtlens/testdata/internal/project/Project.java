package dev.dbtlens.testdata.internal.project;

import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic project in its final state (every model that will ever exist). Lists keep manifest order;
 * resources added late carry {@link Resource#addedAt} so earlier manifests leave them out.
 */
public final class Project {
    public final List<Model> models = new ArrayList<>();
    public final List<Seed> seeds = new ArrayList<>();
    public final List<Snapshot> snapshots = new ArrayList<>();
    public final List<DataTest> tests = new ArrayList<>();
    public final List<SourceTable> sources = new ArrayList<>();
    public final List<Exposure> exposures = new ArrayList<>();
    public final List<UnitTest> unitTests = new ArrayList<>();
    public final List<Group> groups = new ArrayList<>();
    public final List<Macro> macros = new ArrayList<>();
    private final List<Resource> all = new ArrayList<>();

    /** Intermediate model whose edit in invocation 3 breaks it (it errors, its descendants are skipped). */
    public Model breakingModel;
    /** Fact added to the project in a later invocation. */
    public Model lateModel;
    /** A warn-severity test that keeps warning. */
    public DataTest chronicWarnTest;
    /** A relationships test that fails in invocations 3 and 4. */
    public DataTest brokenTest;

    /** Graph members in parent_map order: nodes (models, seeds, snapshots, tests), sources, exposures, unit tests. */
    public List<Resource> all() {
        return all;
    }

    void finish() {
        all.addAll(models);
        all.addAll(seeds);
        all.addAll(snapshots);
        all.addAll(tests);
        all.addAll(sources);
        all.addAll(exposures);
        all.addAll(unitTests);
        for (int i = 0; i < all.size(); i++) {
            all.get(i).id = i;
        }
        int[] counts = new int[all.size()];
        for (Resource r : all) {
            for (Resource p : r.parents) {
                counts[p.id]++;
            }
        }
        for (Resource r : all) {
            r.children = counts[r.id] == 0 ? Resource.NONE : new Resource[counts[r.id]];
            counts[r.id] = 0;
        }
        for (Resource r : all) {
            for (Resource p : r.parents) {
                p.children[counts[p.id]++] = r;
            }
        }
    }

    /** Number of nodes of the manifest of the given invocation (models, seeds, snapshots, tests). */
    public int nodeCount() {
        return models.size() + seeds.size() + snapshots.size() + tests.size();
    }
}
