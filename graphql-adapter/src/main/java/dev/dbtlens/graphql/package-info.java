/**
 * A GraphQL schema shaped after dbt Cloud's Discovery API, executed in-process over a {@code
 * dev.dbtlens.DbtLens}: {@link dev.dbtlens.graphql.DbtLensGraphQL} is the entry point, {@link
 * dev.dbtlens.graphql.GraphQLResult} the spec-shaped result and {@link dev.dbtlens.graphql.Limits}
 * the query limits. These are the only public types; the implementation lives in the packages
 * under {@code dev.dbtlens.graphql.internal}, one per schema area, which the module does not export.
 * See {@code docs/graphql.md}.
 */
package dev.dbtlens.graphql;
