package dev.dbtlens.graphql.internal.execution;

import java.sql.Connection;

/** Where an execution gets its one JDBC connection; tests decorate it to count queries. */
@FunctionalInterface
public interface ConnectionSource {
  /** @return a new connection, closed by the caller */
  Connection open();
}
