package dev.dbtlens.testdata;

/**
 * What {@link ProjectGenerator#generate} produced.
 *
 * <p>Resource counts describe the project as of the last invocation (the late model is included); {@code tests}
 * counts data tests (generic and singular, the {@code test.} nodes), not unit tests.
 *
 * @param models      model nodes in the last manifest (versioned models count once per version)
 * @param tests       data test nodes in the last manifest
 * @param sources     source tables
 * @param seeds       seeds, including the installed package's
 * @param snapshots   snapshots
 * @param exposures   exposures
 * @param invocations invocation folders written
 * @param filesWritten files written, {@code index.txt} included
 * @param totalBytes  bytes written, {@code index.txt} included
 */
public record GenerationSummary(int models, int tests, int sources, int seeds, int snapshots, int exposures,
                                int invocations, int filesWritten, long totalBytes) {
}
