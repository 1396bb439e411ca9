package dev.dbtlens.testdata;

/**
 * Planted performance answers for tests of dbtlens' performance analysis, off unless given to {@link
 * ProjectGenerator#generate(ProjectGenerator.Options, PerformancePlants, java.nio.file.Path)}. Two mart models are
 * chosen (the first of the project's table-materialised marts that exist from the first invocation on): the
 * <em>slowed</em> model runs {@code slowFactor} times longer from invocation {@code slowFrom} on, and the
 * <em>failing</em> model (a mart no model depends on) errors in exactly {@code failurePercent} percent of its
 * executions, rounded down, spread evenly (its k-th execution, counted from 0, fails when
 * {@code floor((k+1)p/100) > floor(kp/100)}); neither gets the generator's rare random errors. Their unique ids are
 * written to {@value #FILE} in the output folder as {@code key=value} lines: {@code slowed_model},
 * {@code slowed_from}, {@code slow_factor}, {@code failing_model}, {@code failure_percent}.
 *
 * @param slowFrom       first invocation (1-based) of the slowed model's longer executions; at least 2
 * @param slowFactor     how much longer, e.g. 3.0; above 1
 * @param failurePercent share of the failing model's executions that error, 1 to 99
 */
public record PerformancePlants(int slowFrom, double slowFactor, int failurePercent) {
    /** The file naming the planted models. */
    public static final String FILE = "planted-performance.properties";

    /** @throws IllegalArgumentException if a value is out of range */
    public PerformancePlants {
        if (slowFrom < 2) {
            throw new IllegalArgumentException("slowFrom must be at least 2, got " + slowFrom);
        }
        if (!(slowFactor > 1)) {
            throw new IllegalArgumentException("slowFactor must be above 1, got " + slowFactor);
        }
        if (failurePercent < 1 || failurePercent > 99) {
            throw new IllegalArgumentException("failurePercent must be between 1 and 99, got " + failurePercent);
        }
    }
}
