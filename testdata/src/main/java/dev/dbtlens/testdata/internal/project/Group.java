package dev.dbtlens.testdata.internal.project;

/** A dbt group with its owner. */
public record Group(String name, String ownerName, String ownerEmail, String description) {
    public String uniqueId() {
        return "group." + ProjectBuilder.ROOT + "." + name;
    }
}
