/**
 * dbtlens over HTTP: {@link dev.dbtlens.server.DbtLensServer} serves a database's GraphQL schema at
 * the paths dbt Cloud's Discovery API uses, with GraphiQL; {@link dev.dbtlens.server.ServerOptions}
 * says how. Built on the JDK's {@code com.sun.net.httpserver}; nothing else is public.
 */
package dev.dbtlens.server;
