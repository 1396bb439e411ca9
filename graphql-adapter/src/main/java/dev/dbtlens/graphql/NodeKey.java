package dev.dbtlens.graphql;

/**
 * A node of one environment: the key of every DataLoader.
 *
 * @param environment the environment
 * @param uniqueId the node's unique id
 */
record NodeKey(String environment, String uniqueId) {}
