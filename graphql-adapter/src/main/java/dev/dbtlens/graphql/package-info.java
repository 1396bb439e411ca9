/**
 * A GraphQL schema shaped after dbt Cloud's Discovery API, executed in-process over a
 * {@code dev.dbtlens.DbtLens}. Placeholder: the schema arrives with its own issue.
 */
package dev.dbtlens.graphql;
