/**
 * Reading nodes: the {@link dev.dbtlens.graphql.internal.node.NodeRow} every node type is served
 * from, the SQL that reads nodes, one query per connection page (filters, sort, keyset cursors), lookups
 * by id and by relation, dbt selectors, the execution info, catalog entries and freshness checks of many
 * nodes at once, and the DataLoaders that batch all of these per execution. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.run}, {@code internal.environment}, {@code internal.execution}, {@code
 * internal.scalars}. Wires no GraphQL type.
 */
package dev.dbtlens.graphql.internal.node;
