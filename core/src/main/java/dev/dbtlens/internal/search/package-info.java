/**
 * Full-text search of an environment's latest manifest with Apache Lucene: one in-memory index per
 * environment, built on first use from the public views and rebuilt when the environment's current
 * manifest snapshot changes. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.store}, {@code internal.dbt} and the public value types of {@code
 * dev.dbtlens}.
 */
package dev.dbtlens.internal.search;
