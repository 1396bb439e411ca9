package dev.dbtlens.testdata.internal.project;

import java.util.List;

/** A data test: generic (unique, not_null, accepted_values, relationships) or singular (a SQL file). */
public final class DataTest extends Resource {
    /** Generic test macro name, or {@code null} for a singular test. */
    public final String testName;
    /** The model or source the test is declared on; {@code null} for singular tests. */
    public final Resource target;
    public final String columnName;
    /** For relationships: the referenced model and its column. */
    public final Model toModel;
    public final String toField;
    public final List<String> acceptedValues;
    public final String severity;
    public final String alias;
    /** Relative SQL path and original yml/sql file. */
    public final String path;
    public final String originalFilePath;
    public final String rawSql;

    DataTest(String packageName, String name, String uniqueId, long seed, String testName, Resource target,
             String columnName,
             Model toModel, String toField, List<String> acceptedValues, String severity, String alias,
             String path, String originalFilePath, String rawSql) {
        super(Kind.TEST, packageName, name, uniqueId, seed);
        this.testName = testName;
        this.target = target;
        this.columnName = columnName;
        this.toModel = toModel;
        this.toField = toField;
        this.acceptedValues = acceptedValues;
        this.severity = severity;
        this.alias = alias;
        this.path = path;
        this.originalFilePath = originalFilePath;
        this.rawSql = rawSql;
    }

    public boolean generic() {
        return testName != null;
    }

    public boolean warnOnly() {
        return "warn".equals(severity);
    }

    /** The model the test is attached to (dbt's attached_node), or {@code null}. */
    public Model attachedModel() {
        return target instanceof Model m ? m : null;
    }
}
