/** {@code dbtlens perf}: slowest and most failing models, trends, critical path of a run, build totals. */
package dev.dbtlens.cli.perf;
