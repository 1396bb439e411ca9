/** Printing results: ingest reports, aligned tables, RFC 4180 CSV, JSON lines, JDBC values as plain Java, plurals. */
package dev.dbtlens.cli.output;
