/**
 * Internals of dbtlens: parsing, storage and queries. <strong>Not API</strong>: these types are
 * public only so that {@code dev.dbtlens.DbtLens} can reach them; they change without notice.
 */
package dev.dbtlens.internal;
