/**
 * The live-run and alert extension fields ({@code live.graphqls}): {@code Environment.liveRuns}
 * with each run's {@code nodes} and {@code warnings}, {@code JobNode.liveRun}, and {@code
 * Environment.alerts}, read from the {@code live_runs}, {@code node_events}, {@code log_warnings}
 * and {@code alerts} views. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.run} (the job's {@code RunRef}), {@code internal.environment},
 * {@code internal.execution}, {@code internal.scalars}.
 */
package dev.dbtlens.graphql.internal.live;
