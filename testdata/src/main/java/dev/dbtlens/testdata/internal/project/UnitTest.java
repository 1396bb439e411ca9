package dev.dbtlens.testdata;

/** A dbt unit test of one model. */
final class UnitTest extends Resource {
    final Model model;
    final String description;

    UnitTest(String name, long seed, Model model, String description) {
        super(Kind.UNIT_TEST, ProjectBuilder.ROOT, name,
                "unit_test." + ProjectBuilder.ROOT + "." + model.name + "." + name, seed);
        this.model = model;
        this.description = description;
        this.parents = new Resource[] {model};
    }
}
