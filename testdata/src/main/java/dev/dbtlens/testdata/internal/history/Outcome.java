package dev.dbtlens.testdata.internal.history;

import dev.dbtlens.testdata.internal.project.Resource;
import java.util.List;

/**
 * What one node did in one invocation: status, timing (microseconds since the epoch), thread and adapter response.
 * Skipped nodes have {@code start == end} and no timing entries.
 */
public record Outcome(Resource resource, String status, long start, long compileEnd, long end, int thread, Integer failures,
               String message, String code, Long rowsAffected, String queryId, List<String[]> batches) {

    public boolean skipped() {
        return "skipped".equals(status);
    }

    /** A failed test, an errored node or a skipped node stops its dependents in {@code dbt build}. */
    boolean blocksDependents() {
        return "error".equals(status) || "fail".equals(status) || skipped();
    }

    public double executionSeconds() {
        return (end - start) / 1_000_000.0;
    }
}
