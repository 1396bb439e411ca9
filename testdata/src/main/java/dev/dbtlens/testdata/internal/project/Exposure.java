package dev.dbtlens.testdata;

/** A dashboard, application or notebook that reads marts. */
final class Exposure extends Resource {
    final String type;
    final String label;
    final String maturity;
    final Vocabulary.Owner owner;
    final String description;

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
