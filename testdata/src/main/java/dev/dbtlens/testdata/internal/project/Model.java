package dev.dbtlens.testdata;

import java.util.ArrayList;
import java.util.List;

/** A dbt model: staging, intermediate, mart (dimension or fact) or a model of the installed package. */
final class Model extends Resource {

    enum Layer { PACKAGE, STAGING, INTERMEDIATE, DIMENSION, FACT }

    final Layer layer;
    final Vocabulary.Entity entity;
    /** Folders below {@code models/}, e.g. {@code [staging, shopify]}. */
    final List<String> folders;
    /** File name without {@code .sql}; differs from the name for versioned models. */
    final String fileName;
    final int level;
    /** Creation index among staging and intermediate models (their position in parent pools). */
    int poolIndex;
    String materialized = "view";
    String incrementalStrategy;
    boolean microbatch;
    boolean contractEnforced;
    String group;
    String access = "protected";
    String domain;
    String description = "";
    List<String> tags = List.of();
    List<Column> columns = List.of();
    /** Whether the model has a yml entry (columns, tests, description). */
    boolean documented = true;
    Integer version;
    Integer latestVersion;
    /** A parent that is referenced with a pinned version ({@code ref('x', v=1)}), if any. */
    Model pinnedParent;
    /** Macros the model's SQL calls, as unique ids. */
    List<String> macros = List.of();
    final List<DataTest> tests = new ArrayList<>();
    final List<UnitTest> unitTests = new ArrayList<>();

    Model(String packageName, String name, String uniqueId, String fileName, long seed, Layer layer,
          Vocabulary.Entity entity, List<String> folders, int level) {
        super(Kind.MODEL, packageName, name, uniqueId, seed);
        this.layer = layer;
        this.entity = entity;
        this.folders = folders;
        this.fileName = fileName;
        this.level = level;
    }

    boolean ephemeral() {
        return "ephemeral".equals(materialized);
    }

    boolean incremental() {
        return "incremental".equals(materialized);
    }

    String pk() {
        return columns.isEmpty() ? entity.pk() : columns.get(0).name();
    }

    String alias() {
        return version == null ? name : name + "_v" + version;
    }

    String schemaSuffix() {
        if (layer == Layer.PACKAGE) {
            return "utils";
        }
        return folders.get(0);
    }

    String sqlPath() {
        return String.join("/", folders) + "/" + fileName + ".sql";
    }

    String ymlPath() {
        return "models/" + String.join("/", folders) + "/_" + folders.get(folders.size() - 1) + "__models.yml";
    }

    boolean hasColumn(String column) {
        for (Column c : columns) {
            if (c.name().equals(column)) {
                return true;
            }
        }
        return false;
    }
}
