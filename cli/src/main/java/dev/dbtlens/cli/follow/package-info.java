/** {@code dbtlens follow}: a live view of a dbt invocation from its JSON log, stored as it arrives. */
package dev.dbtlens.cli.follow;
