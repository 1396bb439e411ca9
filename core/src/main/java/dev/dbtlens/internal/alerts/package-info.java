/**
 * Alerts per node: deriving what changed between a node's previous and latest result (test
 * failures and recoveries, models that errored or recovered, sources that became stale, models
 * notably slower than their history, new recommendations) into {@code store.alert}, and delivering alerts to webhooks
 * with {@code java.net.http}. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.store}, {@code internal.dbt} and the public value types of {@code
 * dev.dbtlens}. Reads the live tables ({@code store.live_node}) and the stored recommendations ({@code
 * store.recommendation}) by SQL only.
 */
package dev.dbtlens.internal.alerts;
