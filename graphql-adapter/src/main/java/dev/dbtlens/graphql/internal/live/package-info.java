/**
 * The live-run and alert extension fields ({@code live.graphqls}): {@code Environment.liveRuns}
 * with each run's {@code nodes}, and {@code Environment.alerts}, read from the {@code live_runs},
 * {@code node_events} and {@code alerts} views. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.environment}, {@code internal.execution}, {@code internal.scalars}.
 */
package dev.dbtlens.graphql.internal.live;
