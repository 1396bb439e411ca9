/**
 * The {@code dbtlens} command line, built with picocli over the public APIs of {@code dev.dbtlens} and
 * {@code dev.dbtlens.graphql}. {@link dev.dbtlens.cli.Main} is the entry point; the top command lists the
 * commands. Each command lives in the package of its concern with its printers ({@code ingest}, {@code sql},
 * {@code select} for {@code ls} and {@code lineage}, {@code freshness}, {@code graphql}, {@code serve},
 * {@code demo} for {@code demo} and {@code generate}); what several commands share is in {@code support} (options, exit codes,
 * errors, the terminal's status line) and {@code output} (ingest reports, tables, CSV, JSON). Command packages
 * use {@code support} and {@code output}, never each other; {@code output} uses nothing else of the CLI.
 */
package dev.dbtlens.cli;
