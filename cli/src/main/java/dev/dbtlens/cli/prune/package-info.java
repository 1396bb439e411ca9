/** {@code dbtlens prune}: removing old invocations and compacting the database file. */
package dev.dbtlens.cli.prune;
