package dev.dbtlens.testdata.internal.history;

import dev.dbtlens.testdata.internal.project.Model;
import dev.dbtlens.testdata.internal.project.Project;
import dev.dbtlens.testdata.internal.project.Resource;
import java.util.Locale;

/**
 * The planted performance answers of one generation: which model slows down from which invocation, which model
 * fails a fixed share of its executions, and the count of that model's executions so far.
 */
public final class PerformancePlan {
    public final Model slowed;
    public final Model failing;
    private final int slowFrom;
    private final double slowFactor;
    private final int failurePercent;
    private int failingExecutions;

    private PerformancePlan(Model slowed, Model failing, int slowFrom, double slowFactor, int failurePercent) {
        this.slowed = slowed;
        this.failing = failing;
        this.slowFrom = slowFrom;
        this.slowFactor = slowFactor;
        this.failurePercent = failurePercent;
    }

    /** Chooses the two models: table-materialised marts present from the first invocation, the failing one a leaf. */
    public static PerformancePlan choose(Project project, int slowFrom, double slowFactor, int failurePercent) {
        Model slowed = null;
        Model failing = null;
        for (Model m : project.models) {
            if (!candidate(project, m)) {
                continue;
            }
            if (slowed == null) {
                slowed = m;
            } else if (failing == null && noModelChildren(m)) {
                failing = m;
            }
        }
        if (slowed == null || failing == null) {
            throw new IllegalArgumentException("the project has too few table marts to plant performance answers");
        }
        return new PerformancePlan(slowed, failing, slowFrom, slowFactor, failurePercent);
    }

    private static boolean candidate(Project project, Model m) {
        boolean mart = m.layer == Model.Layer.FACT || m.layer == Model.Layer.DIMENSION;
        return mart && "table".equals(m.materialized) && m.addedAt == 1 && m != project.breakingModel
                && m != project.lateModel && m.version == null;
    }

    private static boolean noModelChildren(Model m) {
        for (Resource c : m.children) {
            if (c instanceof Model) {
                return false;
            }
        }
        return true;
    }

    /** @return the factor to apply to the resource's duration in the invocation */
    double durationFactor(Resource r, int invocation) {
        return r == slowed && invocation >= slowFrom ? slowFactor : 1.0;
    }

    /** @return whether the resource's random errors are turned off */
    boolean planted(Resource r) {
        return r == slowed || r == failing;
    }

    /** Called once per execution of the failing model. @return whether this execution fails */
    boolean nextFails() {
        long k = failingExecutions++;
        return (k + 1) * failurePercent / 100 > k * failurePercent / 100;
    }

    /** @return the {@code key=value} lines of the planted-answers file */
    public String describe() {
        return String.format(Locale.ROOT, "slowed_model=%s%nslowed_from=%d%nslow_factor=%s%nfailing_model=%s%n"
                + "failure_percent=%d%n", slowed.uniqueId, slowFrom, slowFactor, failing.uniqueId, failurePercent);
    }
}
