/** {@code dbtlens serve}: the GraphQL schema over local HTTP, for Discovery API clients that only speak HTTP. */
package dev.dbtlens.cli.serve;
