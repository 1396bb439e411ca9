package dev.dbtlens;

import dev.dbtlens.internal.alerts.AlertRules;
import dev.dbtlens.internal.alerts.Webhooks;
import dev.dbtlens.internal.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Alerts per node (docs/alerts.md): what changed for each node between its previous and its latest
 * result. {@link DbtLens#ingest} derives them after every ingest and {@link LiveRuns#follow} per
 * finished node; they are kept in the {@code alerts} view, once per invocation, node and kind.
 *
 * <pre>{@code
 * List<Alert> fresh = lens.ingest(options, paths).alerts();
 * lens.alerts().deliver(fresh, List.of("https://hooks.slack.com/services/..."), true);
 * }</pre>
 */
public final class Alerts {
  /** Tries per webhook URL unless told otherwise. */
  public static final int DEFAULT_ATTEMPTS = 3;
  /** The wait before the second try, doubled before each further one. */
  public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
  /** Per request. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Store store;

  Alerts(Store store) {
    this.store = store;
  }

  /**
   * Derives the alerts of an environment's latest results that are not stored yet, and the new
   * violations of its latest stored recommendations ({@code recommendation_new}; none for its first
   * evaluation), and stores them.
   *
   * @param environment the environment
   * @return the new alerts, oldest first
   */
  public List<Alert> derive(String environment) {
    return derive(environment, null, "ingest");
  }

  List<Alert> derive(String environment, String uniqueId, String source) {
    if (store.readOnly()) {
      throw new DbtLensException("cannot derive alerts: " + store.description() + " is open read-only");
    }
    try (Connection c = store.duplicate()) {
      List<Alert> derived = AlertRules.derive(c, environment, uniqueId, source);
      store.changed();
      return derived;
    } catch (SQLException e) {
      throw new StorageException("closing a connection to " + store.description(), e);
    }
  }

  /** The run as live_runs shows it now (used by a follower once dbt logged the run's end). */
  java.util.Optional<LiveRun> liveRun(String environment, String invocationId) {
    try (Connection c = store.duplicate()) {
      return dev.dbtlens.internal.live.LiveQueries.runs(c, environment, invocationId).stream().findFirst();
    } catch (SQLException e) {
      throw new StorageException("closing a connection to " + store.description(), e);
    }
  }

  /**
   * @param environment the environment
   * @param limit at most this many
   * @return the stored alerts, newest first
   */
  public List<Alert> list(String environment, int limit) {
    try (Connection c = store.duplicate()) {
      return AlertRules.list(c, environment, limit);
    } catch (SQLException e) {
      throw new StorageException("closing a connection to " + store.description(), e);
    }
  }

  /**
   * Posts alerts to webhooks with {@link #DEFAULT_ATTEMPTS} tries each. Never throws for a failed
   * delivery: the results say what failed.
   *
   * @param alerts the alerts; nothing is posted when empty
   * @param urls webhook URLs
   * @param slack post Slack's incoming-webhook payload ({@code {"text": ...}}) instead of dbtlens'
   *     ({@code {"source": "dbtlens", "alerts": [...]}})
   * @return one result per URL (none when there was nothing to post)
   */
  public List<WebhookResult> deliver(List<Alert> alerts, List<String> urls, boolean slack) {
    return deliver(alerts, urls, slack, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
  }

  /**
   * @param alerts the alerts
   * @param urls webhook URLs
   * @param slack Slack's payload
   * @param attempts tries per URL
   * @param backoff the wait before the second try, doubled before each further one
   * @return one result per URL
   */
  public List<WebhookResult> deliver(List<Alert> alerts, List<String> urls, boolean slack,
      int attempts, Duration backoff) {
    return new Webhooks(attempts, backoff, DEFAULT_TIMEOUT).deliver(alerts, urls, slack).stream()
        .map(o -> new WebhookResult(o.url(), o.delivered(), o.attempts(), o.error())).toList();
  }
}
