package dev.dbtlens.export;

import java.util.List;

/**
 * One view in an export.
 *
 * @param name the view's name in the main schema, also its folder in the export
 * @param kind {@code history} (appended: only rows of invocations not exported before) or {@code
 *     snapshot} (the current state: rewritten on every export)
 * @param partitionBy the hive partition columns, in folder order ({@code environment}, {@code date})
 * @param rowsWritten rows written by this call
 * @param rewritten true when the view's folder was written afresh (a snapshot view, a view new to
 *     the export, or one whose columns changed)
 */
public record ViewExport(String name, String kind, List<String> partitionBy, long rowsWritten,
    boolean rewritten) {}
