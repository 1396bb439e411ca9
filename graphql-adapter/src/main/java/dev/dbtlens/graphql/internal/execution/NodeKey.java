package dev.dbtlens.graphql.internal.execution;

/**
 * A node of one environment: the key of every DataLoader.
 *
 * @param environment the environment
 * @param uniqueId the node's unique id
 */
public record NodeKey(String environment, String uniqueId) {}
