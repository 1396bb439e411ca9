package dev.dbtlens.testdata;

/** A dbt group with its owner. */
record Group(String name, String ownerName, String ownerEmail, String description) {
    String uniqueId() {
        return "group." + ProjectBuilder.ROOT + "." + name;
    }
}
