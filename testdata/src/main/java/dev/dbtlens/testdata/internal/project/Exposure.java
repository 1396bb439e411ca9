package dev.dbtlens.testdata.internal.project;

/** A dashboard, application or notebook that reads marts. */
public final class Exposure extends Resource {
    public final String type;
    public final String label;
    public final String maturity;
    public final Vocabulary.Owner owner;
    public final String description;

    Exposure(String name, long seed, String type, String label, String maturity, Vocabulary.Owner owner,
             String description) {
        super(Kind.EXPOSURE, ProjectBuilder.ROOT, name, "exposure." + ProjectBuilder.ROOT + "." + name, seed);
        this.type = type;
        this.label = label;
        this.maturity = maturity;
        this.owner = owner;
        this.description = description;
    }
}
