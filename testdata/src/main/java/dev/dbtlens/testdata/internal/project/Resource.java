package dev.dbtlens.testdata.internal.project;

/** A graph member of the synthetic project: anything that appears as a key of dbt's parent_map. */
public abstract class Resource {

    /** The dbt resource types the generator emits in the graph. */
    public enum Kind {
        MODEL("model"), SEED("seed"), SNAPSHOT("snapshot"), TEST("test"), SOURCE("source"), EXPOSURE("exposure"),
        UNIT_TEST("unit_test");

        public final String type;

        Kind(String type) {
            this.type = type;
        }
    }

    public static final Resource[] NONE = new Resource[0];

    public final Kind kind;
    public final String packageName;
    public final String name;
    public final String uniqueId;
    /** Position in {@link Project#all()}: nodes, then sources, exposures, unit tests. */
    public int id = -1;
    /** depends_on.nodes, in the order dbt writes them. */
    public Resource[] parents = NONE;
    /** Dependents, filled by {@link Project#finish()}; sorted by unique id when written. */
    public Resource[] children = NONE;
    /** First invocation (1-based) whose manifest contains this resource. */
    public int addedAt = 1;
    /** Per-resource random seed for stable properties (execution time, row counts). */
    public final long seed;

    Resource(Kind kind, String packageName, String name, String uniqueId, long seed) {
        this.kind = kind;
        this.packageName = packageName;
        this.name = name;
        this.uniqueId = uniqueId;
        this.seed = seed;
    }

    public final boolean activeAt(int invocation) {
        return invocation >= addedAt;
    }

    @Override
    public String toString() {
        return uniqueId;
    }
}
