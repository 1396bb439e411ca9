/**
 * Parquet export of a dbtlens database for engines beyond one machine (Spark, Trino, Athena,
 * DuckDB): every public view of the main schema, discovered from DuckDB's catalog at run time,
 * written with DuckDB's {@code COPY}, hive-partitioned by environment (and by date for history
 * views), incremental, with a JSON schema manifest. Entry point: {@link
 * dev.dbtlens.export.ParquetExport}. See {@code docs/export.md}.
 */
package dev.dbtlens.export;
