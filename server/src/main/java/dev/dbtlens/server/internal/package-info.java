/**
 * The server's internals: not an API, may change in any release. {@link
 * dev.dbtlens.server.internal.HttpFrontend} wires the JDK's HTTP server, {@link
 * dev.dbtlens.server.internal.Database} opens the database per burst of requests; the rest is
 * package-private.
 */
package dev.dbtlens.server.internal;
