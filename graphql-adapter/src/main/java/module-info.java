/**
 * dbtlens' GraphQL adapter: a schema shaped after dbt Cloud's Discovery API, executed in-process.
 * The API is the one exported package, {@code dev.dbtlens.graphql}; the packages under {@code
 * dev.dbtlens.graphql.internal} are hidden from other modules. Those holding the records that
 * serve GraphQL types are opened to graphql-java alone: its default data fetcher reads their
 * fields by reflection.
 */
module dev.dbtlens.graphql {
  requires transitive dev.dbtlens.core;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.graphqljava;
  requires org.dataloader;
  requires com.github.benmanes.caffeine;

  exports dev.dbtlens.graphql;

  opens dev.dbtlens.graphql.internal.environment to com.graphqljava;
  opens dev.dbtlens.graphql.internal.run to com.graphqljava;
  opens dev.dbtlens.graphql.internal.node to com.graphqljava;
  opens dev.dbtlens.graphql.internal.nodetype to com.graphqljava;
  opens dev.dbtlens.graphql.internal.lineage to com.graphqljava;
  opens dev.dbtlens.graphql.internal.columns to com.graphqljava;
  // not job: the job-level types' fields have their own fetchers (JobFields); the few without one
  // match no property of JobItem and are null either way. schema, execution and scalars hold no
  // source of a GraphQL type.
}
