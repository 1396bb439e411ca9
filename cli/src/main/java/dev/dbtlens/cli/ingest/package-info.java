/** {@code dbtlens ingest}. */
package dev.dbtlens.cli.ingest;
