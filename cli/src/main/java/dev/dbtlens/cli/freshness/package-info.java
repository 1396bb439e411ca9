/** {@code dbtlens freshness}: source, model and upstream freshness at a time. */
package dev.dbtlens.cli.freshness;
