/**
 * The {@code dbtlens} command line, built with picocli: {@link dev.dbtlens.cli.Main} is the only
 * public type; every command is a package-private class ({@code IngestCommand}, {@code SqlCommand},
 * {@code DemoCommand}, {@code GenerateCommand}) over the public API of {@code dev.dbtlens}.
 */
package dev.dbtlens.cli;
