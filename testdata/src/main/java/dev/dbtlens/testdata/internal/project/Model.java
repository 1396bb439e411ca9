package dev.dbtlens.testdata.internal.project;

import java.util.ArrayList;
import java.util.List;

/** A dbt model: staging, intermediate, mart (dimension or fact) or a model of the installed package. */
public final class Model extends Resource {

    public enum Layer { PACKAGE, STAGING, INTERMEDIATE, DIMENSION, FACT }

    public final Layer layer;
    final Vocabulary.Entity entity;
    /** Folders below {@code models/}, e.g. {@code [staging, shopify]}. */
    public final List<String> folders;
    /** File name without {@code .sql}; differs from the name for versioned models. */
    final String fileName;
    final int level;
    /** Creation index among staging and intermediate models (their position in parent pools). */
    int poolIndex;
    public String materialized = "view";
    public String incrementalStrategy;
    public boolean microbatch;
    public boolean contractEnforced;
    public String group;
    public String access = "protected";
    public String domain;
    public String description = "";
    public List<String> tags = List.of();
    public List<Column> columns = List.of();
    /** Whether the model has a yml entry (columns, tests, description). */
    public boolean documented = true;
    public Integer version;
    public Integer latestVersion;
    /** A parent that is referenced with a pinned version ({@code ref('x', v=1)}), if any. */
    public Model pinnedParent;
    /** Macros the model's SQL calls, as unique ids. */
    public List<String> macros = List.of();
    public final List<DataTest> tests = new ArrayList<>();
    public final List<UnitTest> unitTests = new ArrayList<>();
    /**
     * Whether its SQL is written with planted column lineage ({@code Options.plantColumnLineage}): every column
     * references a column its parent has ({@link SqlTemplates#plantedSource}).
     */
    public boolean plantedLineage;

    Model(String packageName, String name, String uniqueId, String fileName, long seed, Layer layer,
          Vocabulary.Entity entity, List<String> folders, int level) {
        super(Kind.MODEL, packageName, name, uniqueId, seed);
        this.layer = layer;
        this.entity = entity;
        this.folders = folders;
        this.fileName = fileName;
        this.level = level;
    }

    public boolean ephemeral() {
        return "ephemeral".equals(materialized);
    }

    public boolean incremental() {
        return "incremental".equals(materialized);
    }

    public String pk() {
        return columns.isEmpty() ? entity.pk() : columns.get(0).name();
    }

    public String alias() {
        return version == null ? name : name + "_v" + version;
    }

    public String schemaSuffix() {
        if (layer == Layer.PACKAGE) {
            return "utils";
        }
        return folders.get(0);
    }

    public String sqlPath() {
        return String.join("/", folders) + "/" + fileName + ".sql";
    }

    public String ymlPath() {
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
