/** {@code dbtlens graphql} and {@code dbtlens schema}: the GraphQL schema executed in-process, and its SDL. */
package dev.dbtlens.cli.graphql;
