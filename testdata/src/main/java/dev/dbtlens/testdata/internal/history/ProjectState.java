package dev.dbtlens.testdata.internal.history;

import dev.dbtlens.testdata.internal.project.Hashing;
import dev.dbtlens.testdata.internal.project.Model;
import dev.dbtlens.testdata.internal.project.Project;
import dev.dbtlens.testdata.internal.project.Resource;
import dev.dbtlens.testdata.internal.project.SqlTemplates;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Definitions as they stand at one invocation: the SQL revision of every model and when each resource's current
 * definition was parsed (dbt's {@code created_at}, kept across runs by partial parsing until the file changes).
 */
public final class ProjectState {
    private final Project project;
    private final Timeline timeline;
    /** SQL revision by resource id (models only). */
    public final int[] revision;
    /** Parse time (epoch micros) of the current definition, by resource id. */
    public final long[] definedAt;
    /** End of the last successful build (epoch micros) by resource id; 0 = never built. */
    public final long[] lastBuilt;

    public ProjectState(Project project, Timeline timeline) {
        this.project = project;
        this.timeline = timeline;
        this.revision = new int[project.all().size()];
        this.definedAt = new long[project.all().size()];
        this.lastBuilt = new long[project.all().size()];
    }

    /** Remembers which relations exist in the warehouse after an invocation, and since when. */
    public void record(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            if ("success".equals(o.status())) {
                lastBuilt[o.resource().id] = o.end();
            }
        }
    }

    /** Moves to the next invocation: adds late resources and applies the edits made before it. */
    public void enter(int inv) {
        long parse = timeline.startMicros(inv);
        for (Resource r : project.all()) {
            if (r.addedAt == inv) {
                definedAt[r.id] = parse + 200_000 + r.id * 37L % 1_500_000;
            }
        }
        Model breaking = project.breakingModel;
        int rev = Timeline.breakingRevision(inv);
        if (rev != revision[breaking.id]) {
            revision[breaking.id] = rev;
            definedAt[breaking.id] = parse + 350_000;
        }
        if (!timeline.scripted(inv)) {
            randomEdits(inv, parse);
        }
    }

    /** About one model in 500 is edited before each invocation after the scripted ones. */
    private void randomEdits(int inv, long parse) {
        SplittableRandom rnd = new SplittableRandom(Hashing.mix(timeline.seed, 0xED17, inv));
        int models = project.models.size();
        int count = (int) (models * 0.002 + rnd.nextDouble());
        for (int i = 0; i < count; i++) {
            Model m = project.models.get(rnd.nextInt(models));
            if (m == project.breakingModel || m.layer == Model.Layer.PACKAGE || !m.activeAt(inv)) {
                continue;
            }
            revision[m.id]++;
            definedAt[m.id] = parse + 400_000 + i;
        }
    }

    public int revision(Model m) {
        return revision[m.id];
    }

    public boolean breaking(Model m) {
        return m == project.breakingModel;
    }

    public String raw(Model m) {
        return SqlTemplates.modelRaw(m, revision(m), breaking(m));
    }

    public String compiled(Model m) {
        return SqlTemplates.modelCompiled(m, revision(m), breaking(m));
    }
}
