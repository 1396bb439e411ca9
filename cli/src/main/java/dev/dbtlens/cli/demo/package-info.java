/** {@code dbtlens demo} (ingest the bundled sample and summarise it) and {@code dbtlens generate} (synthetic project histories). */
package dev.dbtlens.cli.demo;
