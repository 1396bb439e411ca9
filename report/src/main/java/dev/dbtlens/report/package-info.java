/**
 * The HTML report of a dbtlens database: one self-contained file (ECharts and dagre inlined from their
 * WebJars at build time, the data embedded as gzip-compressed JSON) with an overview, model pages, an
 * interactive lineage graph, run timelines, test history and source freshness. Entry point: {@link
 * dev.dbtlens.report.HtmlReport}. See {@code docs/report.md}.
 */
package dev.dbtlens.report;
