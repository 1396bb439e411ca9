package dev.dbtlens.testdata.internal.project;

/** A dbt unit test of one model. */
public final class UnitTest extends Resource {
    public final Model model;
    public final String description;

    UnitTest(String name, long seed, Model model, String description) {
        super(Kind.UNIT_TEST, ProjectBuilder.ROOT, name,
                "unit_test." + ProjectBuilder.ROOT + "." + model.name + "." + name, seed);
        this.model = model;
        this.description = description;
        this.parents = new Resource[] {model};
    }
}
