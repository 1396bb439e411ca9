package dev.dbtlens;

/**
 * A dependency: {@code child} depends on {@code parent} (dbt's parent_map).
 *
 * @param parent the upstream node
 * @param child the downstream node
 */
public record LineageEdge(NodeId parent, NodeId child) {}
