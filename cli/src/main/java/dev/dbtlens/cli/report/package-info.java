/** {@code dbtlens report}: the self-contained HTML report of an environment (docs/report.md). */
package dev.dbtlens.cli.report;
