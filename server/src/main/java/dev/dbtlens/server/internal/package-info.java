/**
 * The server's internals: not an API, may change in any release. {@link
 * dev.dbtlens.server.internal.HttpFrontend}, the only public type, wires the JDK's HTTP server;
 * {@code Database} opens the database per burst of requests, {@code Router} sends requests to
 * their endpoint.
 */
package dev.dbtlens.server.internal;
