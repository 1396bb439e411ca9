/** {@code dbtlens export}: the database's public views as hive-partitioned, incremental Parquet (docs/export.md). */
package dev.dbtlens.cli.export;
