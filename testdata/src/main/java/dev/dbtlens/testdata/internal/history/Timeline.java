package dev.dbtlens.testdata.internal.history;

import dev.dbtlens.testdata.internal.project.Hashing;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * When each invocation runs, which command it runs, and the scripted story:
 * <ol>
 *   <li>invocation 1 builds everything;</li>
 *   <li>invocation 3 edits the breaking model (its checksum changes) and it fails, so its descendants are skipped;
 *       the scripted relationships test fails in 3 and 4;</li>
 *   <li>invocation 5 fixes the breaking model (a third checksum) and adds the late model (with fewer invocations,
 *       the late model comes with the last build or run, so the last manifest always has every model);</li>
 *   <li>after invocation 6, a repeating pattern of mostly builds, with random edits and rare random errors.</li>
 * </ol>
 */
public final class Timeline {

    /** A dbt command, with the folder name it gets. */
    public enum Command {
        BUILD("build", "build"), RUN("run", "run"), TEST("test", "test"),
        FRESHNESS("source freshness", "source-freshness");

        public final String dbt;
        final String slug;

        Command(String dbt, String slug) {
            this.dbt = dbt;
            this.slug = slug;
        }
    }

    /** Base timestamp of invocation 1; invocations run hourly after it. */
    static final Instant BASE = Instant.parse("2026-01-05T06:00:00Z");
    static final int CHANGE_AT = 3;
    public static final int FIX_AT = 5;
    static final int ADD_AT = 5;
    static final int SCRIPTED = 6;

    private static final Command[] FIRST = {
            Command.BUILD, Command.FRESHNESS, Command.BUILD, Command.TEST, Command.RUN, Command.BUILD};
    private static final Command[] PATTERN = {
            Command.BUILD, Command.BUILD, Command.FRESHNESS, Command.BUILD, Command.TEST, Command.BUILD, Command.RUN,
            Command.BUILD, Command.FRESHNESS, Command.BUILD, Command.BUILD, Command.TEST};

    /** The sample's shape (50 models, 5 invocations), whose invocation ids depend on the seed alone. */
    private static final int SAMPLE_MODELS = 50;
    private static final int SAMPLE_INVOCATIONS = 5;

    final int invocations;
    public final long seed;
    private final long idPurpose;

    /**
     * @param models models in the project
     * @param invocations invocations simulated
     * @param seed the random seed
     */
    public Timeline(int models, int invocations, long seed) {
        this.invocations = invocations;
        this.seed = seed;
        // Projects of another shape but the same seed differ in content, so their ids must differ too
        // (else ingesting one beside the other is a conflict). Invocations fit in 200,003 values, so
        // distinct shapes give distinct purposes; the sample's shape keeps the ids it always had.
        this.idPurpose = 0x1D + (models - SAMPLE_MODELS) * 200_003L + (invocations - SAMPLE_INVOCATIONS);
    }

    public Command command(int invocation) {
        if (invocation <= FIRST.length) {
            return FIRST[invocation - 1];
        }
        return PATTERN[(invocation - FIRST.length - 1) % PATTERN.length];
    }

    public String folder(int invocation) {
        return String.format(Locale.ROOT, "%03d-%s", invocation, command(invocation).slug);
    }

    public UUID invocationId(int invocation) {
        return Hashing.uuid(seed, idPurpose, invocation);
    }

    /** Start of the invocation in microseconds since the epoch: hourly, with up to 90 s of scheduler jitter. */
    public long startMicros(int invocation) {
        long base = BASE.getEpochSecond() * 1_000_000L + (invocation - 1) * 3_600_000_000L;
        long jitter = Math.floorMod(Hashing.mix(seed, 0x51, invocation), 90_000_000L);
        return base + jitter;
    }

    /**
     * Invocation at which the late model (and its tests) first appear: the last build or run at or before
     * invocation 5 (so the model is built the first time it appears), or invocation 1 if there is none after it.
     */
    public int addAt() {
        for (int i = Math.min(ADD_AT, invocations); i >= 2; i--) {
            if (command(i) == Command.BUILD || command(i) == Command.RUN) {
                return i;
            }
        }
        return 1;
    }

    /** Revision of the breaking model's SQL: 0 before invocation 3, 1 (broken) until 5, 2 (fixed) after. */
    static int breakingRevision(int invocation) {
        if (invocation >= FIX_AT) {
            return 2;
        }
        return invocation >= CHANGE_AT ? 1 : 0;
    }

    public boolean scripted(int invocation) {
        return invocation <= SCRIPTED;
    }
}
