/**
 * A GraphQL schema shaped after dbt Cloud's Discovery API, executed in-process over a {@code
 * dev.dbtlens.DbtLens}: {@link dev.dbtlens.graphql.DbtLensGraphQL} is the entry point, {@link
 * dev.dbtlens.graphql.GraphQLResult} the spec-shaped result and {@link dev.dbtlens.graphql.Limits}
 * the query limits. Everything else in the package is package-private. See {@code docs/graphql.md}.
 */
package dev.dbtlens.graphql;
