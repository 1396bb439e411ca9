/**
 * dbtlens core: dbt artifacts in an embedded DuckDB database, with run history, lineage, dbt's node
 * selection and freshness. The API is the one exported package, {@code dev.dbtlens}; the packages
 * under {@code dev.dbtlens.internal} are hidden from other modules.
 */
module dev.dbtlens.core {
  requires transitive java.sql;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.jgrapht.core;
  requires net.sf.jsqlparser;
  requires duckdb.jdbc;
  requires java.net.http;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires org.apache.lucene.queryparser;
  requires org.apache.lucene.highlighter;

  exports dev.dbtlens;
}
