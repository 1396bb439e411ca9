package dev.dbtlens.report;

import java.nio.file.Path;

/**
 * What {@link HtmlReport#write} wrote.
 *
 * @param file the HTML file
 * @param environment the environment reported on
 * @param nodes nodes of the environment's latest manifest in the report (tests included)
 * @param lineageNodes of those, the nodes the lineage graph shows (all but tests, unit tests and groups)
 * @param invocations invocations of the environment
 * @param dataBytes the embedded data, gzip-compressed
 * @param fileBytes the size of the HTML file
 */
public record ReportSummary(Path file, String environment, int nodes, int lineageNodes, int invocations,
    long dataBytes, long fileBytes) {}
