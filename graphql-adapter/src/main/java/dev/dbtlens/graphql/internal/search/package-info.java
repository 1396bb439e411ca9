/**
 * {@code AppliedState.searchResults} (search.graphqls): core's full-text search as a Relay
 * connection. May use core's API, {@code internal.execution}, {@code internal.environment}, {@code
 * internal.mesh} (project ids), {@code internal.node} (resource type names) and {@code internal.scalars}.
 */
package dev.dbtlens.graphql.internal.search;
