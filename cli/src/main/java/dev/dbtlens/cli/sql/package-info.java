/** {@code dbtlens sql}: read-only SQL over the public views. */
package dev.dbtlens.cli.sql;
